import type { Logger } from './log.ts';
import type { FamulorConfig } from './providers/famulor.ts';
import type { QuickchatLegacyConfig, QuickchatTokenConfig } from './providers/quickchat.ts';
import type { RetryPolicy } from './retry-policy.ts';
import type { UpstreamTransport } from './upstream-transport.ts';
import type { ProxyState } from './state/types.ts';

/** Which upstream answers, with its credentials. */
export type ProviderConfig = QuickchatLegacyConfig | QuickchatTokenConfig | FamulorConfig;

/** Options of {@link createChatletProxy}. Only `provider` and `secret` are required. */
export interface ChatletProxyOptions {
  /** The upstream chat API and its credentials. */
  provider: ProviderConfig;
  /** Signs conversation tokens (`CHATLET_SECRET`); at least 32 characters. */
  secret: string;
  /**
   * Earlier secrets whose tokens are still accepted (`CHATLET_PREVIOUS_SECRET`), so rotating the
   * secret does not reset every open conversation; new tokens are always signed with `secret`.
   * @default []
   */
  previousSecrets?: string[];
  /**
   * Origins (scheme://host[:port]) of the pages allowed to call the proxy from a browser.
   * @default []
   */
  allowedOrigins?: string[];
  /**
   * The proxy's own public origin (`CHATLET_PUBLIC_ORIGIN`), for pages served from the proxy
   * itself. The origin a request's `Host` header names is never trusted on its own: with DNS
   * rebinding a foreign page can send `Host` and `Origin` that match.
   * @default undefined (only {@link allowedOrigins} count)
   */
  publicOrigin?: string;
  /**
   * How long one message may take upstream, retries included, in ms.
   * @default 30000
   */
  upstreamTimeoutMs?: number;
  /**
   * Which failed upstream calls are retried and how long to wait.
   * @default DEFAULT_RETRY_POLICY
   */
  retry?: Partial<RetryPolicy>;
  /**
   * Messages per minute one client IP may send (also its burst); 0 turns the limit off.
   * @default 30; with Famulor at most half of `upstreamBudget.perMinute` (2 of Famulor's 5)
   */
  ipRequestsPerMinute?: number;
  /**
   * Messages per minute one conversation may send (also its burst); 0 turns the limit off.
   * @default 12
   */
  conversationRequestsPerMinute?: number;
  /**
   * Upstream calls per minute shared by all visitors, with a short queue; applied to Famulor only,
   * whose API allows 5 per minute per token. One conversation may start at most half of them, and
   * a new conversation's first message is served ahead of later turns (src/proxy/fair-share.ts).
   * @default { perMinute: 5, maxQueue: 10, maxWaitMs: 15000 }
   */
  upstreamBudget?: { perMinute?: number; maxQueue?: number; maxWaitMs?: number };
  /**
   * Take the client IP from `X-Forwarded-For` (its last entry, written by your reverse proxy).
   * Turn on only behind exactly one reverse proxy that sets it, else clients choose their own IP.
   * @default false
   */
  trustProxy?: boolean;
  /**
   * Log the visitor's text and the reply. Off by default: they may hold personal data.
   * @default false
   */
  logMessages?: boolean;
  /**
   * An https URL that receives each rating of a reply as JSON (`CHATLET_FEEDBACK_WEBHOOK`): one
   * attempt with a 5 s timeout, never retried; no token or secret in it.
   * @default undefined (ratings are only logged)
   */
  feedbackWebhook?: string;
  /**
   * How long a repeated `client_message_id` is answered from memory, in ms.
   * @default 600000 (10 minutes)
   */
  idempotencyTtlMs?: number;
  /**
   * How long a conversation token stays valid, in ms.
   * @default 2592000000 (30 days)
   */
  conversationMaxAgeMs?: number;
  /**
   * Where the log lines go.
   * @default JSON lines on the console
   */
  log?: Logger;
  /**
   * The `fetch` used to call the upstream (and the feedback webhook), when no `transport` is given.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
  /**
   * How the upstream is reached. On Node, `createNodeTransport()` from `chatlet/proxy/node`
   * (`node:http` with a keep-alive agent) costs a fraction of `fetch`; the CLI and the demo server
   * use it.
   * @default a transport over `fetch`
   */
  transport?: UpstreamTransport;
  /**
   * Where idempotency answers, the rate limits and the upstream budget live. Pass a shared state
   * (Redis: `createRedisState` from `chatlet/proxy/node`) when several instances serve one site.
   * @default this process's memory (`createMemoryState`)
   */
  state?: ProxyState;
  /** The clock, in ms since the epoch; injectable for tests. @default Date.now */
  now?: () => number;
  /** Waits between retries; injectable so tests do not wait. @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for backoff jitter. @default Math.random */
  random?: () => number;
}
