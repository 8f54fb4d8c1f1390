import type { ResolvedOptions } from '../core/options.ts';
import type { WidgetDeps } from './conversation.ts';
import type { ChatletHandle } from './handle.ts';
import { attachPanel } from './panel-stage.ts';
import { createSendContext } from './send-context.ts';
import { launcherLabel } from '../ui/launcher-label.ts';
import { createShell } from './shell.ts';

/**
 * Builds one widget inside `host`'s (open) shadow root, both stages at once: the shell (launcher)
 * and the panel stage. The npm entry and `<chatlet-widget>` use this; the script tag attaches the
 * panel stage lazily instead. destroy() undoes every step.
 */
export function mountWidget(
  host: HTMLElement,
  options: ResolvedOptions,
  deps: WidgetDeps = {},
): ChatletHandle {
  // First, as it may still refuse an option (bad metadata): nothing is touched before that.
  const page = createSendContext(options);
  const shell = createShell(host, {
    ...options,
    label: launcherLabel(options.lang, options.strings),
  });
  const handle = attachPanel(shell, options, page, deps);
  return {
    ...handle,
    destroy() {
      handle.destroy();
      shell.remove();
    },
  };
}
