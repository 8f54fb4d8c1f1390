/**
 * The widget's error tree: one class with a `code`, created with `{ cause }`. Messages say what to
 * do. Shaped after ky's errors (https://github.com/sindresorhus/ky/tree/main/source/errors): plain data the UI switches on in one place.
 */

/** What went wrong, as the widget's UI distinguishes it. */
export type ChatletErrorCode =
  /** An option or data attribute is missing or malformed. */
  | 'config'
  /** The browser is offline or the connection failed before an answer arrived. */
  | 'network'
  /** No answer within the client's timeout. */
  | 'timeout'
  /** The proxy refused the request as invalid (4xx other than 429). */
  | 'rejected'
  /** The proxy or the upstream is busy; `retryAfterS` says how long to wait. */
  | 'rate_limited'
  /** The upstream assistant failed or is unavailable (5xx). */
  | 'upstream'
  /** The proxy answered something that is not the protocol. */
  | 'protocol';

/** Extra facts an error may carry. */
export interface ChatletErrorDetails {
  /** HTTP status of the proxy's answer, when there was one. */
  status?: number;
  /** Seconds to wait before retrying, when the proxy said so. */
  retryAfterS?: number;
  /** The request field at fault, for `rejected`. */
  field?: string;
  /** The underlying error. */
  cause?: unknown;
}

/** Every error Chatlet raises on purpose. */
export class ChatletError extends Error {
  /** Brand for {@link isChatletError}, which `instanceof` cannot do across bundles or realms. */
  readonly isChatletError = true;
  // `declare`: assigned in the constructor, so no class-field definitions are emitted for them
  // (bytes in the loader, which carries this class).
  /** What went wrong, for the UI to switch on. */
  declare readonly code: ChatletErrorCode;
  /** HTTP status of the proxy's answer, when there was one. */
  declare readonly status: number | undefined;
  /** Seconds to wait before retrying, when known. */
  declare readonly retryAfterS: number | undefined;
  /** The request field at fault, for `rejected`. */
  declare readonly field: string | undefined;

  constructor(code: ChatletErrorCode, message: string, details: ChatletErrorDetails = {}) {
    // Error reads only `cause` of its options, and only when it is there.
    super(message, details);
    // One assignment (fewer bytes in the loader, which carries this class): a detail not given
    // stays absent rather than an own `undefined`. `cause` is set again to the value Error gave
    // it, which leaves it the non-enumerable own property Error made.
    Object.assign(this, { name: 'ChatletError', code }, details);
  }
}

/** True for a {@link ChatletError}, also one from another realm or bundle copy. */
export function isChatletError(value: unknown): value is ChatletError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { isChatletError?: unknown }).isChatletError === true
  );
}

/** Whether sending the same message again may succeed without the visitor changing anything. */
export function isRetryable(error: ChatletError): boolean {
  return error.code !== 'rejected' && error.code !== 'config';
}
