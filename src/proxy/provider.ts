import type { ClientMetadata } from '../core/protocol.ts';
import type { CallDeadline } from './call-deadline.ts';

/**
 * The seam between the proxy's HTTP handling and one upstream chat API. A provider makes exactly one
 * logical turn: it knows the upstream's URL, auth and body shape and nothing about browsers, tokens,
 * CORS or limits. Retries, timeouts and the mapping of failures to HTTP live in the proxy, once.
 */
export interface Provider {
  /** Name used in logs and `/healthz`. */
  readonly name: 'quickchat' | 'famulor';
  /**
   * `client_metadata` keys that, once sent in a conversation, the upstream needs on every later call
   * of it; the proxy keeps them in the conversation token (`src/proxy/sticky-metadata.ts`).
   */
  readonly stickyMetadataKeys?: readonly string[];
  /** Sends one visitor message upstream and returns the assistant's answer. */
  send(turn: UpstreamTurn): Promise<UpstreamReply>;
}

/** One visitor message, after the proxy has checked it and opened its conversation token. */
export interface UpstreamTurn {
  /** The visitor's text. */
  text: string;
  /**
   * The upstream conversation key from the verified token (Quickchat `conv_id`, Famulor
   * `customer_identifier`), or `undefined` for a new conversation.
   */
  conversationKey: string | undefined;
  /** Per-message context (`message_context`). */
  messageContext: string | undefined;
  /** Page-derived metadata, already validated. */
  metadata: ClientMetadata | undefined;
  /** Aborted when the proxy's upstream timeout fires. */
  signal: AbortSignal;
  /**
   * The same deadline without an `AbortSignal` until one is asked for: what the proxy's own calls
   * carry, so a transport that needs no signal never makes one (call-deadline.ts).
   */
  deadline?: CallDeadline;
}

/** The assistant's answer, in the proxy's terms. */
export interface UpstreamReply {
  /** Reply text as the upstream sent it (untrusted; the widget renders an allowlist). */
  reply: string;
  /** The key to wrap into the next conversation token. */
  conversationKey: string;
  /** Upstream message number, 0 when the upstream has none. */
  ordNumber: number;
  /** A human has taken over (Famulor `ai_disabled`). */
  handoff: boolean;
  /** The upstream did not know the conversation, so this answer starts a new one. */
  conversationReset: boolean;
  /** Names and arguments of tools that ran upstream; forwarded only when the operator allows. */
  functionCalls?: Array<{ name: string; arguments?: unknown; result?: unknown }>;
}

/** Why an upstream call failed, as the proxy's retry policy and HTTP mapping distinguish it. */
export type UpstreamFailure =
  /** The connection failed before any byte of the request was sent: safe to retry. */
  | 'connect'
  /** The upstream refused our credentials (Quickchat 401, Famulor 302 to its login page). */
  | 'unauthorized'
  /** The upstream says our configuration is wrong (Famulor 402, 404, 422; Quickchat 400 params). */
  | 'misconfigured'
  /** Too many requests; `retryAfterS` when the upstream said how long to wait. */
  | 'rate_limited'
  /** 503: overloaded or in maintenance; safe to retry with backoff. */
  | 'unavailable'
  /** 500 or another failure after the request was sent: not safe to retry blindly. */
  | 'failed'
  /** No answer within the proxy's upstream timeout. */
  | 'timeout'
  /** The upstream answered 2xx with a body that is not its documented shape. */
  | 'bad_response';

/** A failed upstream call. Its message is for operators' logs; never sent to a browser. */
export class UpstreamError extends Error {
  /** What kind of failure this is. */
  readonly failure: UpstreamFailure;
  /** The upstream's HTTP status, when it answered. */
  readonly status: number | undefined;
  /** Seconds the upstream asked us to wait (`Retry-After` header, else a `retry_after` field). */
  readonly retryAfterS: number | undefined;

  constructor(
    failure: UpstreamFailure,
    message: string,
    details: { status?: number; retryAfterS?: number; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'UpstreamError';
    this.failure = failure;
    this.status = details.status;
    this.retryAfterS = details.retryAfterS;
  }
}
