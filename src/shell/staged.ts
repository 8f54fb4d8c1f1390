import { deferHandle } from './deferred-handle.ts';
import type { ChatletHandle, PanelControls } from './handle.ts';
import { createLifecycle } from './lifecycle.ts';
import type { LoaderOptions } from './loader-options.ts';
import { createHost, createShell, type Shell } from './shell.ts';

/**
 * The panel stage as the shell sees it (implemented by src/embed/panel-stage.ts): it checks the
 * remaining attributes, read through `read`, and attaches the panel to the shell, or logs why it
 * refuses one and returns `undefined`.
 */
export interface PanelStage {
  startPanel(
    shell: Shell,
    read: (name: string) => string | null,
    lang: LoaderOptions['lang'],
  ): PanelControls | undefined;
}

/**
 * Loads the panel stage. The script tag loads the separately built `chatlet-panel.js` from beside
 * itself (see panel-chunk.ts); tests pass the module directly.
 */
export type PanelLoader = () => Promise<PanelStage>;

/**
 * The script tag's two-stage widget: the launcher now, without Preact; the panel stage when the
 * visitor points at or focuses the launcher, when the page is idle after its load event, or at the
 * latest on the first click or API call, which then completes once it has loaded. `read` gives the
 * panel stage the remaining attributes; if it refuses one (it logs why), the widget removes itself
 * and calls `onGone`, as destroy() does.
 */
export function mountStaged(
  target: HTMLElement,
  options: LoaderOptions,
  read: (name: string) => string | null,
  loadStage: PanelLoader,
  onGone: () => void = () => {},
): ChatletHandle {
  const life = createLifecycle();
  let shell: Shell;
  try {
    shell = createShell(createHost(target, life), options, life);
  } catch (error) {
    // Styles the page's CSP refused: not even the empty host stays.
    life.end();
    throw error;
  }
  life.add(onGone);
  let loading: Promise<PanelControls | undefined> | undefined;

  const load = (): Promise<PanelControls | undefined> => {
    loading ??= loadStage().then(
      (stage) => {
        if (life.ended) return undefined;
        const panel = stage.startPanel(shell, read, options.lang);
        if (!panel) life.end();
        return panel;
      },
      (error: unknown) => {
        loading = undefined;
        console.error('Chatlet: could not load the chat panel.', error);
        return undefined;
      },
    );
    return loading;
  };
  const { handle, start } = deferHandle(load, shell);
  // One signal takes every listener of the loader away again when the widget goes.
  const listening = new AbortController();
  life.add(() => listening.abort());
  const once = { once: true, signal: listening.signal };
  shell.button.addEventListener('pointerenter', start, once);
  shell.button.addEventListener('focus', start, once);
  // Safari has no requestIdleCallback; a timer at least waits for the current task.
  const whenIdle = (): void => void (window.requestIdleCallback ?? setTimeout)(start);
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, once);

  // Until the panel stage is there, a click loads it and then toggles; it takes the click over.
  shell.onActivate(() => handle.toggle());
  return handle;
}
