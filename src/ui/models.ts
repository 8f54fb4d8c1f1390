import { createChatModel, type ChatModel, type ChatModelDeps } from './chat-model.ts';
import { createViewModel, type ViewModel } from './view-model.ts';

/** The two models the panel reads. */
export interface WidgetModels {
  chat: ChatModel;
  view: ViewModel;
}

/**
 * Creates the conversation and the view model, wired so a completed reply is announced when the
 * panel is open and counted as unread when it is closed. `deps.onEvent` still hears everything.
 */
export function createModels(deps: ChatModelDeps): WidgetModels {
  const view = createViewModel();
  const chat = createChatModel({
    ...deps,
    onEvent(event) {
      if (event.type === 'message' && event.message.role === 'assistant') {
        view.noteReply(event.message.text);
      }
      deps.onEvent?.(event);
    },
  });
  return { chat, view };
}
