import { checkPrimaryColor, type ResolvedOptions } from '../core/options.ts';
import { deferHandle } from '../shell/deferred-handle.ts';
import type { ChatletHandle } from '../shell/handle.ts';
import { createLifecycle, type Lifecycle } from '../shell/lifecycle.ts';
import { isCssColor } from '../shell/loader-options.ts';
import { createShell } from '../shell/shell.ts';
import { loaderStrings } from '../ui/launcher-label.ts';
import type { WidgetDeps } from './conversation.ts';
import { loadLocaleChunk } from './locale-chunk.ts';
import { attachPanel, readyToDraw } from './panel-stage.ts';
import { createSendContext } from './send-context.ts';

/**
 * Builds one widget inside `host`'s (open) shadow root: the shell (launcher) at once, the panel
 * stage as soon as the strings of its language have arrived (their own chunk, locale-chunk.ts).
 * Calls on the handle before that are queued and replayed. The npm entry and `<chatlet-widget>`
 * use this; the script tag attaches the panel stage lazily instead (src/shell/staged.ts).
 * destroy() ends `life`, which undoes every step, including those the caller registered before
 * (the npm entry's host).
 */
export function mountWidget(
  host: HTMLElement,
  options: ResolvedOptions,
  deps: WidgetDeps = {},
  life: Lifecycle = createLifecycle(),
): ChatletHandle {
  try {
    // First, as they may still refuse an option (bad metadata, a colour the browser cannot paint).
    checkPrimaryColor(options.primaryColor, isCssColor);
    const page = createSendContext(options);
    const shell = createShell(
      host,
      { ...options, ...loaderStrings(options.lang, options.strings) },
      life,
      // A chunk of its own: only a page that shows a teaser fetches it.
      () => import('../shell/teaser-view.ts').then((view) => view.teaserFor(options)),
    );
    const panel = (deps.loadLocale ?? loadLocaleChunk)(options.lang).then(
      (locale) =>
        life.ended
          ? undefined
          : readyToDraw(attachPanel(shell, options, locale, page, deps), options, life),
      (error: unknown) => {
        console.error('Chatlet: could not load the strings of the widget.', error);
        return undefined;
      },
    );
    const { handle, start } = deferHandle(() => panel, shell);
    start();
    return handle;
  } catch (error) {
    life.end();
    throw error;
  }
}
