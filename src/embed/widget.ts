import { checkPrimaryColor, type ResolvedOptions } from '../core/options.ts';
import type { ChatletHandle } from '../shell/handle.ts';
import { createLifecycle, type Lifecycle } from '../shell/lifecycle.ts';
import { isCssColor } from '../shell/loader-options.ts';
import { createShell } from '../shell/shell.ts';
import { launcherLabel } from '../ui/launcher-label.ts';
import type { WidgetDeps } from './conversation.ts';
import { attachPanel } from './panel-stage.ts';
import { createSendContext } from './send-context.ts';

/**
 * Builds one widget inside `host`'s (open) shadow root, both stages at once: the shell (launcher)
 * and the panel stage. The npm entry and `<chatlet-widget>` use this; the script tag attaches the
 * panel stage lazily instead (src/shell/staged.ts). destroy() ends `life`, which undoes every step,
 * including those the caller registered before (the npm entry's host).
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
      { ...options, label: launcherLabel(options.lang, options.strings) },
      life,
    );
    return { ...attachPanel(shell, options, page, deps), on: shell.events.on, destroy: life.end };
  } catch (error) {
    life.end();
    throw error;
  }
}
