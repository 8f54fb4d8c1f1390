import type { ErrorCode } from '../core/protocol.ts';
import { isProxyConfigError } from './config-error.ts';
import { UpstreamError, type UpstreamFailure } from './provider.ts';

/** A failure that already knows its HTTP status and the envelope the browser may see. */
export class HttpError extends Error {
  /** Brand for {@link isHttpError}, which `instanceof` cannot do across bundle copies. */
  readonly isHttpError = true;
  /** HTTP status of the answer. */
  readonly status: number;
  /** Machine-readable code of the envelope. */
  readonly code: ErrorCode;
  /** The request field at fault, for `bad_request`. */
  readonly field: string | undefined;
  /** Seconds the caller should wait, sent as `Retry-After` and `retry_after_s`. */
  readonly retryAfterS: number | undefined;
  /** The methods the route accepts, sent as `Allow` with a 405. */
  readonly allow: string | undefined;

  constructor(
    status: number,
    code: ErrorCode,
    message: string,
    details: { field?: string; retryAfterS?: number; allow?: string; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.field = details.field;
    this.retryAfterS = details.retryAfterS;
    this.allow = details.allow;
  }
}

/** The 429 of an abuse limit (per IP, per conversation), saying how long to wait. */
export function rateLimited(retryAfterS: number): HttpError {
  return new HttpError(429, 'rate_limited', 'Too many messages; wait a moment and try again.', {
    retryAfterS,
  });
}

/** True for an {@link HttpError}, also one from another bundle copy. */
export function isHttpError(value: unknown): value is HttpError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { isHttpError?: unknown }).isHttpError === true
  );
}

/** How long to tell the browser to wait when the upstream was busy but did not say. */
const DEFAULT_RETRY_AFTER_S = 10;

const UPSTREAM: Record<UpstreamFailure, (error: UpstreamError) => HttpError> = {
  connect: () =>
    new HttpError(503, 'upstream_unavailable', 'The assistant cannot be reached right now.', {
      retryAfterS: DEFAULT_RETRY_AFTER_S,
    }),
  unavailable: (error) =>
    new HttpError(503, 'upstream_unavailable', 'The assistant is unavailable right now.', {
      retryAfterS: error.retryAfterS ?? DEFAULT_RETRY_AFTER_S,
    }),
  rate_limited: (error) =>
    new HttpError(429, 'rate_limited', 'The assistant is busy; try again shortly.', {
      retryAfterS: error.retryAfterS ?? DEFAULT_RETRY_AFTER_S,
    }),
  // The browser cannot fix our credentials; the operator learns the cause from the log line.
  unauthorized: () => misconfigured(),
  misconfigured: () => misconfigured(),
  failed: () => new HttpError(502, 'upstream_error', 'The assistant failed to answer.'),
  bad_response: () => new HttpError(502, 'upstream_error', 'The assistant failed to answer.'),
  timeout: () =>
    new HttpError(504, 'upstream_timeout', 'The assistant took too long to answer; try again.'),
};

function misconfigured(): HttpError {
  return new HttpError(
    502,
    'misconfigured',
    'The chat service is not set up correctly; the site owner can find the cause in the proxy log.',
  );
}

/**
 * Turns anything thrown while handling a request into the answer the browser may see. Upstream
 * messages and unknown errors stay in the log: only fixed sentences leave the proxy.
 */
export function toHttpError(error: unknown): HttpError {
  if (isHttpError(error)) return error;
  if (error instanceof UpstreamError) return UPSTREAM[error.failure](error);
  // A proxy that could not be built (a Worker with a wrong variable): the cause is in the log.
  if (isProxyConfigError(error)) {
    return new HttpError(
      500,
      'misconfigured',
      'The chat proxy is not set up correctly; the site owner can find the cause in the proxy log.',
    );
  }
  return new HttpError(500, 'internal', 'The chat proxy failed; try again.');
}
