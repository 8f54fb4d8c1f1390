import { createChatModel, type ChatModel, type ChatModelDeps } from './chat-model.ts';
import { createViewModel, type ViewModel } from './view-model.ts';

/** The two models the panel reads. */
export interface WidgetModels {
  chat: ChatModel;
  view: ViewModel;
}

/**
 * Creates the conversation and the view model, wired so a reply that arrives while the panel is
 * closed counts as unread on the launcher. `deps.onEvent` still hears everything; `deps.pinned`
 * keeps the panel open for good (inline mode).
 */
export function createModels(deps: ChatModelDeps & { pinned?: boolean }): WidgetModels {
  const view = createViewModel(deps.pinned);
  const chat = createChatModel({
    ...deps,
    onEvent(event) {
      if (event.type === 'message' && event.message.role === 'assistant') {
        view.noteReply();
      }
      deps.onEvent?.(event);
    },
  });
  return { chat, view };
}
