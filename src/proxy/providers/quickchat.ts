import type { Provider, UpstreamTurn } from '../provider.ts';
import { failureOf, readReply, UnknownConversation } from './quickchat-answer.ts';
import type { UpstreamResponse, UpstreamTransport } from '../upstream-transport.ts';
import { postJson } from './upstream-http.ts';

/** Quickchat's legacy endpoint: the API key travels in the JSON body (the source document). */
export interface QuickchatLegacyConfig {
  /** Selects this provider. */
  kind: 'quickchat';
  /** `QUICKCHAT_API_KEY`, sent as `api_key` in the body. */
  apiKey: string;
  /** `QUICKCHAT_SCENARIO_ID`, sent as `scenario_id`. */
  scenarioId: string;
  /**
   * The endpoint (`QUICKCHAT_API_URL`).
   * @default QUICKCHAT_LEGACY_URL
   */
  url?: string;
}

/** Quickchat's current endpoint: a scenario-scoped token sent as `Authorization: Bearer`. */
export interface QuickchatTokenConfig {
  /** Selects this provider. */
  kind: 'quickchat';
  /** `QUICKCHAT_TOKEN`, sent as `Authorization: Bearer`. */
  token: string;
  /** `QUICKCHAT_SCENARIO_ID`, still sent as `scenario_id` in the body. */
  scenarioId: string;
  /**
   * The endpoint (`QUICKCHAT_API_URL`).
   * @default QUICKCHAT_CURRENT_URL
   */
  url?: string;
}

/** Either way of talking to Quickchat. */
export type QuickchatConfig = QuickchatLegacyConfig | QuickchatTokenConfig;

/** Default URL of the legacy API. */
export const QUICKCHAT_LEGACY_URL = 'https://chat.quickchat.ai/chat';
/** Default URL of the current API. */
export const QUICKCHAT_CURRENT_URL = 'https://app.quickchat.ai/chat';

/**
 * Creates the Quickchat provider for a checked configuration (`url` filled by
 * `resolveProxyOptions`); `transport` is injected so tests and runtimes choose how the upstream is reached.
 */
export function createQuickchatProvider(
  config: QuickchatConfig & { url: string },
  transport: UpstreamTransport,
): Provider {
  const legacy = 'apiKey' in config;
  const label = 'Quickchat';
  const headers: Record<string, string> = legacy ? {} : { authorization: `Bearer ${config.token}` };

  /** Posts `turn` in the conversation `convId` (a new one when `undefined`). */
  function post(turn: UpstreamTurn, convId: string | undefined): Promise<UpstreamResponse> {
    const body: Record<string, unknown> = legacy
      ? { api_key: config.apiKey, scenario_id: config.scenarioId, text: turn.text }
      : { scenario_id: config.scenarioId, text: turn.text };
    if (convId !== undefined) body['conv_id'] = convId;
    // The current API documents no message_context; sending an unknown field risks a 400 there.
    if (legacy && turn.messageContext !== undefined) body['message_context'] = turn.messageContext;
    if (turn.metadata !== undefined) body['client_metadata'] = turn.metadata;
    return postJson(transport, config.url, { headers, body, label }, turn);
  }

  return {
    name: 'quickchat',
    // Quickchat: a conversation that began with kb_topic needs the key on every later call.
    stickyMetadataKeys: ['kb_topic'],
    // One async function for the turn and its one possible second post, rather than one per post.
    async send(turn) {
      const convId = turn.conversationKey;
      const response = await post(turn, convId);
      if (response.status >= 200 && response.status < 300)
        return readReply(response, convId, label);
      const failure = failureOf(response, convId, label);
      // Documented: `400 conv_id abcd1234 does not exist`. The visitor's message still deserves an
      // answer, so it opens a new conversation and says so.
      if (!(failure instanceof UnknownConversation)) throw failure;
      const fresh = await post(turn, undefined);
      if (fresh.status < 200 || fresh.status >= 300) throw failureOf(fresh, undefined, label);
      return { ...readReply(fresh, undefined, label), conversationReset: true };
    },
  };
}
