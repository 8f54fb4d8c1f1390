import { readJsonBody } from '../proxy/read-json-body.ts';
import { isHttpError } from '../proxy/http-error.ts';
import { answer } from './answer.ts';
import { createConversationStore } from './conversation-store.ts';
import type { DemoLanguage } from './knowledge-base.ts';
import { checkLegacyRequest } from './legacy-request.ts';

/** Options of {@link createDemoAssistant}; every field is optional. */
export interface DemoAssistantOptions {
  /**
   * Clock in ms since the epoch, for forgetting idle conversations.
   * @default Date.now
   */
  now?: () => number;
  /**
   * Most conversations kept in memory; the least recently used one is forgotten first.
   * @default 10000
   */
  maxConversations?: number;
  /**
   * A conversation idle this long is forgotten: its `conv_id` then "does not exist".
   * @default 86400000 (one day)
   */
  idleMs?: number;
  /** Called after every answered message, e.g. for tests that check what reached the upstream. */
  onTurn?: (turn: DemoTurn) => void;
}

/** One answered message, as {@link DemoAssistantOptions.onTurn} reports it. */
export interface DemoTurn {
  /** The conversation's `conv_id`. */
  convId: string;
  /** Whether this message started the conversation. */
  isNew: boolean;
  /** The `ord_number` answered. */
  ordNumber: number;
  /** The visitor's message. */
  text: string;
  /** Whether `client_metadata` had the `kb_topic` key on this call. */
  hasKbTopic: boolean;
  /** The `kb_topic` value this answer was filtered by. */
  kbTopic: string | undefined;
  /**
   * The conversation began with `kb_topic` but this call lacks it. Quickchat requires the key on
   * every call (source document); the demo then answers unfiltered, as the filter is gone.
   */
  missingKbTopic: boolean;
  /** `message_context`, when given. */
  messageContext: string | undefined;
  /** The article answered from, `undefined` for a greeting or the fallback. */
  articleId: string | undefined;
  /** The reply's language. */
  language: DemoLanguage;
}

/** Largest request body: ample for a chat message, small enough that nobody can make us buffer much. */
export const MAX_BODY_BYTES = 32 * 1024;

/**
 * Creates the embedded demo assistant: a `Request → Response` handler that speaks Quickchat's legacy
 * `POST /chat` contract (source document) with the documented 400/401 errors, and answers from the
 * demo knowledge base filtered by `client_metadata.kb_topic`.
 */
export function createDemoAssistant(
  options: DemoAssistantOptions = {},
): (request: Request) => Promise<Response> {
  const now = options.now ?? Date.now;
  const onTurn = options.onTurn;
  const store = createConversationStore({
    now,
    maxConversations: options.maxConversations ?? 10_000,
    idleMs: options.idleMs ?? 24 * 60 * 60 * 1000,
  });

  return async (request) => {
    if (!new URL(request.url).pathname.endsWith('/chat')) {
      return refusal({ status: 404, code: 'not_found', message: 'Not found: POST /chat.' });
    }
    if (request.method !== 'POST') {
      return refusal({ status: 405, code: 'method', message: 'Use POST.' }, { allow: 'POST' });
    }
    let body: unknown;
    try {
      body = await readJsonBody(request, MAX_BODY_BYTES);
    } catch (error) {
      if (!isHttpError(error)) throw error;
      return refusal({ status: error.status, code: error.code, message: error.message });
    }
    const checked = checkLegacyRequest(body);
    if (!checked.ok) return refusal(checked.refusal);
    const { text, convId, messageContext, clientMetadata } = checked.value;

    const hasKbTopic = clientMetadata !== undefined && 'kb_topic' in clientMetadata;
    const existing = convId === undefined ? undefined : store.get(convId);
    if (convId !== undefined && existing === undefined) {
      // The exact documented wording, which callers recognise to start over.
      const shown = convId.slice(0, 64);
      return refusal({
        status: 400,
        code: 'not_found',
        message: `conv_id ${shown} does not exist`,
      });
    }
    const conversation = existing ?? store.create(hasKbTopic);
    const missingKbTopic = conversation.keyedByKbTopic && !hasKbTopic;
    if (missingKbTopic) conversation.callsWithoutKbTopic += 1;

    const topicValue = clientMetadata?.['kb_topic'];
    const kbTopic =
      topicValue === undefined || topicValue === null || typeof topicValue === 'object'
        ? undefined
        : String(topicValue);
    const result = answer({
      text,
      kbTopic,
      messageContext,
      previousLanguage: conversation.language,
    });
    conversation.language = result.language;
    // Quickchat numbers every message of a conversation, the visitor's and the assistant's.
    conversation.ordNumber += 2;

    onTurn?.({
      convId: conversation.id,
      isNew: existing === undefined,
      ordNumber: conversation.ordNumber,
      text,
      hasKbTopic,
      kbTopic,
      missingKbTopic,
      messageContext,
      articleId: result.articleId,
      language: result.language,
    });
    // A continued conversation answers without conv_id, as the legacy API does.
    const reply =
      existing === undefined
        ? { ord_number: conversation.ordNumber, conv_id: conversation.id, reply: result.reply }
        : { ord_number: conversation.ordNumber, reply: result.reply };
    return Response.json(reply);
  };
}

/**
 * An error answer. The legacy API's error body is not documented; this uses the shape of Quickchat's
 * current API, `{"errors": {"root": [{message, code}]}}`, so the message text is there to read.
 */
function refusal(
  error: { status: number; code: string; message: string },
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { errors: { root: [{ message: error.message, code: error.code }] } },
    { status: error.status, headers },
  );
}
