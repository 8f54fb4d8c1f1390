import { deferHandle } from './deferred-handle.ts';
import type { ChatletHandle, PanelControls } from './handle.ts';
import { createLifecycle } from './lifecycle.ts';
import type { LoaderOptions } from './loader-options.ts';
import { report } from './report.ts';
import { createHost, createShell, type Shell } from './shell.ts';
import type { TeaserSource } from './teaser.ts';

// True in the loader's own build only (vite.config.ts), which compiles `inside` out.
declare const __CHATLET_LOADER__: boolean;

/**
 * The panel stage as the shell sees it (implemented by src/embed/panel-stage.ts): it checks the
 * remaining attributes, read through `read`, loads its language file and attaches the panel to the
 * shell, or logs why it refuses one and resolves to `undefined`.
 */
export interface PanelStage {
  startPanel(
    shell: Shell,
    read: (name: string) => string | null,
    lang: LoaderOptions['lang'],
  ): Promise<PanelControls | undefined>;
}

/**
 * Where the panel stage and the teaser's drawing come from. The script tag loads the separately
 * built `chatlet-panel.js` and `chatlet-teaser.js` from beside itself (see panel-chunk.ts,
 * teaser-chunk.ts), the npm entry imports them as chunks; tests pass the modules directly.
 */
export interface PanelSource {
  /** Loads and evaluates the panel stage. */
  load(): Promise<PanelStage>;
  /** Loads the teaser's drawing, only when the page shows a teaser (teaser.ts). */
  teaser: TeaserSource;
}

/**
 * The script tag's two-stage widget: the launcher (and the teaser) now, without Preact; the panel
 * stage when the visitor points at or focuses the launcher, at once in inline mode, or at the latest on the first click or
 * API call, which then completes once it has loaded. A visitor who never touches the widget runs
 * nothing but the loader (nor downloads more: see panel-chunk.ts for why there is no idle
 * prefetch). `read` gives the panel stage the remaining attributes; if it refuses one (it logs
 * why), the widget removes itself and calls `onGone`, as destroy() does. A panel that fails to load
 * is reported once; the next use tries again. The widget's host is appended to `target`, or with
 * `inside` is `target` itself (`<chatlet-widget>`, which outlives its widgets: host-style.ts).
 */
export function mountStaged(
  target: HTMLElement,
  options: LoaderOptions,
  read: (name: string) => string | null,
  source: PanelSource,
  onGone: () => void = () => {},
  inside?: boolean,
): ChatletHandle {
  const life = createLifecycle();
  let shell: Shell;
  try {
    // Only `<chatlet-widget>` of the npm package passes `inside`: the script tag carries none of it.
    const host = inside && !__CHATLET_LOADER__ ? target : createHost(target, life);
    shell = createShell(host, options, life, source.teaser);
  } catch (error) {
    // Styles the page's CSP refused: not even the empty host stays.
    life.end();
    throw error;
  }
  life.add(onGone);
  let loading: Promise<PanelControls | undefined> | undefined;
  let reported = false;
  const [handle, start] = deferHandle(
    () =>
      (loading ??= source
        .load()
        // It waits for the strings of the widget's language (src/embed/locale-script.ts).
        .then((stage) => (life.ended ? undefined : stage.startPanel(shell, read, options.lang)))
        .then(
          // A refused option: the widget goes. A panel that arrives after the end is left to
          // deferHandle, whose settle ignores it then.
          (panel) => {
            if (!panel) life.end();
            return panel;
          },
          // The panel or its language file did not load (or failed its integrity check): said once.
          (error: unknown) => {
            loading = undefined;
            if (!reported) report(error);
            reported = true;
            return undefined;
          },
        )),
    shell,
  );
  // They go with the launcher when the widget goes; start() does nothing after the end.
  const once = { once: true };
  shell.button.addEventListener('pointerenter', start, once);
  shell.button.addEventListener('focus', start, once);
  // Inline, the panel is on screen from the start: no launcher to wait for. Refused, the panel
  // stage says why (loader-options.ts).
  if (options.mode === 'inline' || options.refused) start();
  // The handle is usable from now on (calls are queued), so `ready` need not wait for the panel.
  queueMicrotask(() => life.ended || shell.events.emit('ready'));
  return handle;
}
