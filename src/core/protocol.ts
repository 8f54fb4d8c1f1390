/**
 * The widget ↔ proxy wire contract (README, "Protocol"; docs/ARCHITECTURE.md). Defined once here and
 * imported by both sides, so the shapes cannot drift apart.
 */

/** A value the widget may attach as page-derived metadata. */
export type MetadataValue = string | number | boolean;

/** Page-derived metadata forwarded to the assistant (at most {@link LIMITS.metadataKeys} keys). */
export type ClientMetadata = Record<string, MetadataValue>;

/** What the widget posts to the proxy's chat route. */
export interface ChatRequest {
  /** The visitor's message. */
  text: string;
  /** The proxy's opaque, signed conversation token; absent on the first message. */
  conversation?: string;
  /** Extra per-message context for the assistant (Quickchat `message_context`). */
  message_context?: string;
  /** Page-derived metadata such as `kb_topic`. */
  client_metadata?: ClientMetadata;
  /** Widget-chosen id of this message, so a retry after a lost answer is not answered twice. */
  client_message_id?: string;
}

/** The proxy's `200` answer. */
export interface ChatReply {
  /** The token to send with the next message of this conversation. */
  conversation: string;
  /** The assistant's reply; may hold a small subset of HTML or markdown. */
  reply: string;
  /** The upstream's running message number. */
  ord_number: number;
  /** A human has taken over the conversation. */
  handoff: boolean;
  /** The token sent was refused or unknown upstream, so this reply starts a new conversation. */
  conversation_reset: boolean;
  /**
   * Tools that already ran upstream (Famulor), present only for names the operator allowlisted
   * (`FAMULOR_FORWARD_FUNCTIONS`), because they can hold personal or internal data.
   */
  function_calls?: FunctionCall[];
}

/** One tool call the upstream assistant made while answering. */
export interface FunctionCall {
  /** The tool's name. */
  name: string;
  /** The arguments it was called with, as the upstream sent them. */
  arguments?: unknown;
  /** What it returned, as the upstream sent it. */
  result?: unknown;
}

/** Machine-readable error codes of the proxy's error envelope. */
export type ErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'forbidden_origin'
  | 'forbidden_conversation'
  | 'not_found'
  | 'method_not_allowed'
  | 'rate_limited'
  | 'idempotency_mismatch'
  | 'upstream_error'
  | 'upstream_unavailable'
  | 'upstream_timeout'
  | 'misconfigured'
  | 'internal';

/** The proxy's error envelope, with a fitting HTTP status. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    /** A sentence for humans that says what is wrong and how to fix it. Never an upstream body. */
    message: string;
    /** The request field at fault, for `bad_request`. */
    field?: string;
    /** Seconds to wait before trying again, for `rate_limited` and `upstream_unavailable`. */
    retry_after_s?: number;
  };
}

/** Longest `text`, in characters; on its own so the loader ships it without the other limits. */
export const TEXT_CHARS = 4000;
/** Longest `message_context`, in characters (Quickchat's own limit); on its own like TEXT_CHARS. */
export const MESSAGE_CONTEXT_CHARS = 1000;

/** Input limits the proxy enforces and the widget checks before sending. */
export const LIMITS = {
  /** Largest request body, in bytes. */
  bodyBytes: 16 * 1024,
  /** Longest `text`, in characters. */
  textChars: TEXT_CHARS,
  /** Longest `message_context`, in characters (Quickchat's own limit). */
  messageContextChars: MESSAGE_CONTEXT_CHARS,
  /** Most `client_metadata` keys (Quickchat's own limit). */
  metadataKeys: 5,
  /** Longest `client_metadata` key. */
  metadataKeyChars: 40,
  /** Longest `client_metadata` string value. */
  metadataValueChars: 200,
  /** Longest conversation token. */
  conversationChars: 512,
} as const;

/** Shape of a `client_metadata` key: short, identifier-like, safe as a column or variable name. */
export const METADATA_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Shape of a `client_message_id`: a UUID (RFC 9562), unguessable, because a first message's answer
 * is found by its id alone.
 */
export const CLIENT_MESSAGE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
