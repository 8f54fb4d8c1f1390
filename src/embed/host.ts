import type { ResolvedOptions } from '../core/options.ts';
import type { ChatletHandle } from './handle.ts';
import type { WidgetDeps } from './conversation.ts';
import { mountWidget } from './widget.ts';

import { HOST_MARK } from './shell.ts';

/** Appends a fresh `<chatlet-widget>` host to `target`, mounts the widget, and removes both on destroy. */
export function mountInNewHost(
  target: HTMLElement,
  options: ResolvedOptions,
  deps?: WidgetDeps,
): ChatletHandle {
  const host = document.createElement('chatlet-widget');
  host.setAttribute(HOST_MARK, '');
  target.append(host);
  let handle: ChatletHandle;
  try {
    handle = mountWidget(host, options, deps);
  } catch (error) {
    host.remove();
    throw error;
  }
  return {
    ...handle,
    destroy() {
      handle.destroy();
      host.remove();
    },
  };
}
