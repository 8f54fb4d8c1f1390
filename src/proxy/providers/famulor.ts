import type { ClientMetadata } from '../../core/protocol.ts';
import type { Provider, UpstreamReply, UpstreamTurn } from '../provider.ts';
import { failureOf, readReply } from './famulor-answer.ts';
import type { UpstreamTransport } from '../upstream-transport.ts';
import { postJson } from './upstream-http.ts';

/** How the proxy talks to Famulor's "AI Replies" endpoint. */
export interface FamulorConfig {
  /** Selects this provider. */
  kind: 'famulor';
  /** The Famulor API token (`FAMULOR_API_TOKEN`), sent as `Authorization: Bearer`. */
  token: string;
  /** The assistant that answers (`FAMULOR_ASSISTANT_ID`); an integer in Famulor's API. */
  assistantId: number;
  /**
   * The whole endpoint URL (`FAMULOR_API_URL`). Famulor documents both `/api/ai/generate-reply` and
   * `/api/user/ai/generate-reply`, so the path is configured rather than built here.
   * @default FAMULOR_DEFAULT_URL
   */
  url?: string;
  /**
   * Names of upstream tools whose `function_calls` may be passed on. They can hold personal or
   * internal data, so none are by default.
   * @default []
   */
  forwardFunctions?: string[];
}

/** Default URL of Famulor's "AI Replies" endpoint (the source document's path). */
export const FAMULOR_DEFAULT_URL = 'https://app.famulor.de/api/ai/generate-reply';

/**
 * Creates the Famulor provider for a checked configuration (`url` filled by `resolveProxyOptions`);
 * `transport` is injected so tests and runtimes choose how the upstream is reached.
 */
export function createFamulorProvider(
  config: FamulorConfig & { url: string },
  transport: UpstreamTransport,
): Provider {
  const forward: ReadonlySet<string> = new Set(config.forwardFunctions ?? []);
  const headers = { authorization: `Bearer ${config.token}` };

  return {
    name: 'famulor',
    async send(turn: UpstreamTurn): Promise<UpstreamReply> {
      // Famulor keys a conversation by whoever sends the same identifier, so it must be one only
      // the proxy can know: minted here, then carried inside the signed conversation token.
      const customerIdentifier = turn.conversationKey ?? crypto.randomUUID();
      const body: Record<string, unknown> = {
        assistant_id: config.assistantId,
        customer_identifier: customerIdentifier,
        message: turn.text,
      };
      const variables = toVariables(turn.metadata, turn.messageContext);
      if (variables !== undefined) body['variables'] = variables;

      // `postJson` sends `Accept: application/json` (else Famulor's framework may answer errors
      // with HTML) and does not follow redirects: a bad token is a 302 to the login page.
      const response = await postJson(
        transport,
        config.url,
        { headers, body, label: 'Famulor' },
        turn,
      );
      if (response.status >= 200 && response.status < 300) {
        return readReply(response, customerIdentifier, forward);
      }
      throw failureOf(response, config);
    },
  };
}

/** Client metadata keys keep their names; `message_context` wins over a metadata key of that name. */
function toVariables(
  metadata: ClientMetadata | undefined,
  messageContext: string | undefined,
): ClientMetadata | undefined {
  const variables: ClientMetadata = { ...metadata };
  if (messageContext !== undefined) variables['message_context'] = messageContext;
  return Object.keys(variables).length > 0 ? variables : undefined;
}
