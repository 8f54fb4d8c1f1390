import type { ResolvedOptions } from '../core/options.ts';
import { deferHandle } from './deferred-handle.ts';
import type { ChatletHandle } from './handle.ts';
import type { attachPanel } from './panel-stage.ts';
import { createSendContext } from './send-context.ts';
import { createShell, HOST_MARK } from './shell.ts';

/**
 * Loads the panel stage. The script tag imports the separately built `chatlet-panel.js` from beside
 * itself (see script-tag.ts); tests pass the module directly.
 */
export type PanelLoader = () => Promise<{ attachPanel: typeof attachPanel }>;

/**
 * The script tag's two-stage widget (issue 5): the launcher now, without Preact; the panel stage
 * when the visitor points at or focuses the launcher, when the page is idle after its load event,
 * or at the latest on the first click or API call, which then completes once it has loaded.
 */
export function mountStaged(
  target: HTMLElement,
  options: ResolvedOptions,
  loadStage: PanelLoader,
): ChatletHandle {
  // First, as it may still refuse an option (bad metadata): nothing is touched before that.
  const page = createSendContext(options);
  const host = document.createElement('chatlet-widget');
  host.setAttribute(HOST_MARK, '');
  target.append(host);
  const shell = createShell(host, options);
  let loading: Promise<ChatletHandle | undefined> | undefined;
  let gone = false;

  const load = (): Promise<ChatletHandle | undefined> => {
    loading ??= loadStage().then(
      (stage) => (gone ? undefined : stage.attachPanel(shell, options, page)),
      (error: unknown) => {
        loading = undefined;
        console.error('Chatlet: could not load the chat panel.', error);
        return undefined;
      },
    );
    return loading;
  };
  const prefetch = (): void => void load();
  const { button } = shell.launcher;
  button.addEventListener('pointerenter', prefetch, { once: true });
  button.addEventListener('focus', prefetch, { once: true });
  const whenIdle = (): void => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(prefetch);
    else setTimeout(prefetch, 1);
  };
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });

  const handle = deferHandle(page, load, () => {
    gone = true;
    button.removeEventListener('pointerenter', prefetch);
    button.removeEventListener('focus', prefetch);
    window.removeEventListener('load', whenIdle);
    shell.remove();
    host.remove();
  });
  // Until the panel stage is there, a click loads it and then toggles; it takes the click over.
  shell.onActivate(() => handle.toggle());
  return handle;
}
