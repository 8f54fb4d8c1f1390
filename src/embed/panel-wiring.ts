import type { ResolvedOptions } from '../core/options.ts';
import { report } from '../shell/report.ts';
import type { Shell } from '../shell/shell.ts';
import type { WidgetModels } from '../ui/models.ts';
import { connectConversation, type WidgetDeps } from './conversation.ts';
import type { SendContextSource } from './send-context.ts';
import { countInTitle } from './title-count.ts';

/** What {@link connectPanel} gives back: the models, and the undo of everything it started. */
export interface ConnectedPanel extends WidgetModels {
  /** Undoes it; later calls do nothing (the stage and the lifecycle may both call it). */
  disconnect(): void;
}

/**
 * The part of the panel stage that needs no strings: the conversation (restored from storage), the
 * count in the page's title, and the events both send out through the shell's emitter. The script
 * tag makes it while the widget's language file is still on the way (panel-stage.ts startPanel):
 * reading the storage is a synchronous round trip to the browser, the language file a task at
 * least, so the click waits for the longer of the two instead of both. It registers nothing in
 * the lifecycle: the caller adds `disconnect`.
 */
export function connectPanel(
  shell: Shell,
  options: ResolvedOptions,
  page: SendContextSource,
  deps: WidgetDeps,
): ConnectedPanel {
  const { events } = shell;
  const title = options.notifications ? countInTitle() : undefined;
  let originReported = false;
  const { chat, view, disconnect } = connectConversation(
    options,
    page,
    (event) => {
      if (event.type === 'message') {
        if (event.message.role === 'assistant') title?.reply();
        events.emit('message', event.message);
      } else if (event.type === 'error') {
        const { error } = event.failure;
        // A refused origin is for the site owner to fix: one console line per page view.
        if (error.field === 'origin' && !originReported) report(error);
        originReported ||= error.field === 'origin';
        events.emit('error', error);
      } else if (event.type === 'feedback') {
        events.emit('feedback', { messageId: event.messageId, rating: event.rating });
      }
    },
    deps,
  );
  let connected = true;
  return {
    chat,
    view,
    disconnect() {
      if (!connected) return;
      connected = false;
      disconnect();
      title?.remove();
    },
  };
}
