import { checkMetadata, fail, isRecord, type Checked } from './metadata.ts';
import {
  CLIENT_MESSAGE_ID,
  LIMITS,
  type ChatReply,
  type ChatRequest,
  type ErrorBody,
  type ErrorCode,
} from './protocol.ts';

export { checkMetadata, type Checked } from './metadata.ts';

/**
 * Checks a parsed request body against the protocol and its limits. Unknown fields are dropped, so
 * nothing the browser invents travels further than this function.
 */
export function checkChatRequest(body: unknown): Checked<ChatRequest> {
  if (!isRecord(body)) return fail('body', 'The request body must be a JSON object.');
  const { text, conversation, message_context, client_metadata, client_message_id } = body;

  if (typeof text !== 'string') return fail('text', 'text is required and must be a string.');
  if (text.trim().length === 0) return fail('text', 'text must not be empty.');
  if (text.length > LIMITS.textChars) {
    return fail('text', `text is longer than ${LIMITS.textChars} characters.`);
  }
  const request: ChatRequest = { text };

  if (conversation !== undefined && conversation !== null) {
    if (typeof conversation !== 'string' || conversation.length > LIMITS.conversationChars) {
      return fail('conversation', 'conversation must be the token the proxy returned.');
    }
    request.conversation = conversation;
  }
  if (message_context !== undefined && message_context !== null) {
    if (typeof message_context !== 'string') {
      return fail('message_context', 'message_context must be a string.');
    }
    if (message_context.length > LIMITS.messageContextChars) {
      return fail(
        'message_context',
        `message_context is longer than ${LIMITS.messageContextChars} characters.`,
      );
    }
    request.message_context = message_context;
  }
  if (client_metadata !== undefined && client_metadata !== null) {
    const metadata = checkMetadata(client_metadata);
    if (!metadata.ok) return metadata;
    request.client_metadata = metadata.value;
  }
  if (client_message_id !== undefined && client_message_id !== null) {
    if (typeof client_message_id !== 'string' || !CLIENT_MESSAGE_ID.test(client_message_id)) {
      return fail(
        'client_message_id',
        'client_message_id must be a UUID, e.g. from crypto.randomUUID().',
      );
    }
    request.client_message_id = client_message_id;
  }
  return { ok: true, value: request };
}

/** Checks the proxy's `200` answer, so the widget never trusts a shape it did not verify. */
export function checkChatReply(body: unknown): Checked<ChatReply> {
  if (!isRecord(body)) return fail('body', 'The answer is not a JSON object.');
  const { conversation, reply, ord_number, handoff, conversation_reset } = body;
  if (typeof conversation !== 'string' || conversation.length === 0) {
    return fail('conversation', 'The answer has no conversation token.');
  }
  if (typeof reply !== 'string') return fail('reply', 'The answer has no reply text.');
  return {
    ok: true,
    value: {
      conversation,
      reply,
      ord_number: typeof ord_number === 'number' ? ord_number : 0,
      handoff: handoff === true,
      conversation_reset: conversation_reset === true,
    },
  };
}

const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'bad_request',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'forbidden_origin',
  'forbidden_conversation',
  'not_found',
  'method_not_allowed',
  'rate_limited',
  'idempotency_mismatch',
  'upstream_error',
  'upstream_unavailable',
  'upstream_timeout',
  'misconfigured',
  'internal',
]);

/** Reads the proxy's error envelope; `undefined` when the body is not one. */
export function readErrorBody(body: unknown): ErrorBody['error'] | undefined {
  if (!isRecord(body) || !isRecord(body['error'])) return undefined;
  const { code, message, field, retry_after_s } = body['error'];
  if (typeof code !== 'string' || !ERROR_CODES.has(code) || typeof message !== 'string') {
    return undefined;
  }
  const error: ErrorBody['error'] = { code: code as ErrorCode, message };
  if (typeof field === 'string') error.field = field;
  if (typeof retry_after_s === 'number' && retry_after_s >= 0) error.retry_after_s = retry_after_s;
  return error;
}
