import { composeMetadata } from '../client/metadata.ts';
import type { ChatMessage } from '../core/messages.ts';
import { LIMITS, type ChatRequest, type ClientMetadata } from '../core/protocol.ts';

/** What the page contributes to a request, read at every send so SPA changes apply at once. */
export interface SendContext {
  kbTopic?: string | undefined;
  metadata?: ClientMetadata | undefined;
  messageContext?: string | undefined;
}

/** The conversation facts a request continues from. */
export interface Continuation {
  token: string | undefined;
}

/**
 * The request for `message`: its id as `client_message_id` (so a retry is recognisable), the
 * conversation token, the context, and `client_metadata` with `kb_topic` first and at most five
 * keys. `warn` hears which keys were dropped.
 */
export function buildRequest(
  message: ChatMessage,
  conversation: Continuation,
  context: SendContext,
  warn?: (message: string) => void,
): ChatRequest {
  const { metadata, dropped } = composeMetadata({
    kbTopic: context.kbTopic,
    extra: context.metadata ?? {},
  });
  if (dropped.length > 0) {
    warn?.(
      `Chatlet: client_metadata holds at most ${LIMITS.metadataKeys} keys; dropped ${dropped.join(', ')}.`,
    );
  }
  const request: ChatRequest = { text: message.text, client_message_id: message.id };
  if (conversation.token !== undefined) request.conversation = conversation.token;
  if (context.messageContext) request.message_context = context.messageContext;
  if (metadata) request.client_metadata = metadata;
  return request;
}
