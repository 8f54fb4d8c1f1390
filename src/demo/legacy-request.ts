import { DEMO_API_KEY, DEMO_SCENARIO_ID } from './credentials.ts';

/** A `POST /chat` body of Quickchat's legacy API, checked. */
export interface LegacyChatRequest {
  /** The visitor's message. */
  text: string;
  /** The conversation to continue; absent for a new one. */
  convId: string | undefined;
  /** Per-message context (at most 1000 characters). */
  messageContext: string | undefined;
  /** Custom attributes (at most 5 keys), e.g. `kb_topic`. */
  clientMetadata: Record<string, unknown> | undefined;
}

/** Why a body was refused, with the status the source document lists for it. */
export interface LegacyRefusal {
  status: 400 | 401;
  /** Short machine-readable reason. */
  code: 'required' | 'unauthorized' | 'too_long' | 'too_many_keys' | 'invalid';
  /** The documented description. */
  message: string;
}

/** The documented `message_context` limit. */
export const MESSAGE_CONTEXT_CHARS = 1000;
/** The documented `client_metadata` limit. */
export const METADATA_KEYS = 5;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const refuse = (status: 400 | 401, code: LegacyRefusal['code'], message: string) => ({
  ok: false as const,
  refusal: { status, code, message },
});

/**
 * Checks a parsed body in the order the source document's error table suggests: required
 * parameters (400), credentials (401), then the optional fields' limits (400). Whether `conv_id`
 * exists is for the caller, which holds the conversations.
 */
export function checkLegacyRequest(
  body: unknown,
): { ok: true; value: LegacyChatRequest } | { ok: false; refusal: LegacyRefusal } {
  const record = isRecord(body) ? body : {};
  const { api_key: apiKey, scenario_id: scenarioId, text } = record;
  if (
    typeof apiKey !== 'string' ||
    apiKey === '' ||
    typeof scenarioId !== 'string' ||
    scenarioId === '' ||
    typeof text !== 'string' ||
    text.trim() === ''
  ) {
    return refuse(400, 'required', 'The parameters api_key, scenario_id, text are required.');
  }
  // The demo's credentials are public constants, so a timing-safe comparison would protect nothing.
  if (apiKey !== DEMO_API_KEY || scenarioId !== DEMO_SCENARIO_ID) {
    return refuse(401, 'unauthorized', 'Unauthorized: check api_key and scenario_id.');
  }

  const context = record['message_context'] ?? undefined;
  if (context !== undefined && typeof context !== 'string') {
    return refuse(400, 'invalid', 'message_context must be a string.');
  }
  if (context !== undefined && context.length > MESSAGE_CONTEXT_CHARS) {
    return refuse(
      400,
      'too_long',
      `The limit for message_context is ${MESSAGE_CONTEXT_CHARS} characters.`,
    );
  }

  const metadata = record['client_metadata'] ?? undefined;
  if (metadata !== undefined && !isRecord(metadata)) {
    return refuse(400, 'invalid', 'client_metadata must be a JSON object.');
  }
  if (metadata !== undefined && Object.keys(metadata).length > METADATA_KEYS) {
    return refuse(400, 'too_many_keys', `client_metadata accepts at most ${METADATA_KEYS} keys.`);
  }

  const conv = record['conv_id'] ?? undefined;
  if (conv !== undefined && typeof conv !== 'string' && typeof conv !== 'number') {
    return refuse(400, 'invalid', 'conv_id must be a string.');
  }
  return {
    ok: true,
    value: {
      text,
      convId: conv === undefined || conv === '' ? undefined : String(conv),
      messageContext: context,
      clientMetadata: metadata,
    },
  };
}
