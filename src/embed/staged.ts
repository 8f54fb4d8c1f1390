import { deferHandle } from './deferred-handle.ts';
import type { ChatletHandle } from './handle.ts';
import type { LoaderOptions } from './loader-options.ts';
import type { startPanel } from './panel-stage.ts';
import { createShell, HOST_MARK } from './shell.ts';

/**
 * Loads the panel stage. The script tag imports the separately built `chatlet-panel.js` from beside
 * itself (see panel-chunk.ts); tests pass the module directly.
 */
export type PanelLoader = () => Promise<{ startPanel: typeof startPanel }>;

/**
 * The script tag's two-stage widget: the launcher now, without Preact; the panel stage
 * when the visitor points at or focuses the launcher, when the page is idle after its load event,
 * or at the latest on the first click or API call, which then completes once it has loaded.
 * `read` gives the panel stage the remaining attributes; if it refuses one (it logs why), the
 * widget removes itself and calls `onGone`, as destroy() does.
 */
export function mountStaged(
  target: HTMLElement,
  options: LoaderOptions,
  read: (name: string) => string | null,
  loadStage: PanelLoader,
  onGone: () => void = () => {},
): ChatletHandle {
  const host = document.createElement('chatlet-widget');
  host.setAttribute(HOST_MARK, '');
  target.append(host);
  const shell = createShell(host, options);
  let loading: Promise<ChatletHandle | undefined> | undefined;
  let gone = false;

  const load = (): Promise<ChatletHandle | undefined> => {
    loading ??= loadStage().then(
      (stage) => {
        if (gone) return undefined;
        const panel = stage.startPanel(shell, read, options.lang);
        if (!panel) handle.destroy();
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
  const { button } = shell;
  const { handle, start } = deferHandle(load, () => {
    gone = true;
    button.removeEventListener('pointerenter', start);
    button.removeEventListener('focus', start);
    window.removeEventListener('load', whenIdle);
    shell.remove();
    host.remove();
    onGone();
  });
  button.addEventListener('pointerenter', start, { once: true });
  button.addEventListener('focus', start, { once: true });
  function whenIdle(): void {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(start);
    else setTimeout(start, 1);
  }
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });

  // Until the panel stage is there, a click loads it and then toggles; it takes the click over.
  shell.onActivate(() => handle.toggle());
  return handle;
}
