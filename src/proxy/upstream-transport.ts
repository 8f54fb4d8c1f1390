import type { CallDeadline } from './call-deadline.ts';
import { UpstreamError } from './provider.ts';

/** What the failure mapping reads of a deadline: an `AbortSignal` or a {@link CallDeadline}. */
export interface Aborted {
  readonly aborted: boolean;
}

/**
 * How the proxy reaches its upstream: one JSON POST, answered with the status, the headers it reads
 * and the body text. Narrower than `fetch`, so a runtime can use its cheapest client: `fetch` on
 * Workers, Deno and Bun (`createFetchTransport`), `node:http` on Node (`createNodeTransport` in
 * `chatlet/proxy/node`). Every transport maps failures the same way, through the functions below.
 */
export type UpstreamTransport = (url: string, post: UpstreamPost) => Promise<UpstreamResponse>;

/** One POST as a transport sends it. */
export interface UpstreamPost {
  /** Complete request headers (content type and credentials included). */
  headers: Record<string, string>;
  /** The JSON text. */
  body: string;
  /** Aborted at the turn's deadline: the call then fails as a `timeout`. */
  signal: AbortSignal;
  /** The same deadline, when the proxy made it: read it rather than `signal`, which it makes on first read. */
  deadline?: CallDeadline;
  /** The upstream's name in error messages, e.g. `Quickchat`. */
  label: string;
}

/** An upstream answer, read fully (up to {@link MAX_UPSTREAM_BYTES}) so the caller can classify it. */
export interface UpstreamResponse {
  status: number;
  /** Only lookups by lower-case name are needed (`retry-after`). */
  headers: { get(name: string): string | null };
  /** The body text; never passed on to a browser. */
  text: string;
}

/** Largest upstream body read; a longer one is treated as a bad response, not buffered. */
export const MAX_UPSTREAM_BYTES = 1024 * 1024;

/** Only these prove that no byte of the request reached the upstream, so a retry is safe. */
const CONNECT_CODES = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
];

/** OpenSSL's and Node's names of a failed handshake or a refused certificate. */
const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|EPROTO$|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_)/;

/** The error of a call that failed before an answer began (no status): `connect` only when safe. */
export function transportError(error: unknown, signal: Aborted, label: string): UpstreamError {
  if (signal.aborted) {
    return new UpstreamError('timeout', `${label} did not answer in time.`, { cause: error });
  }
  const code = systemCode(error);
  if (code !== undefined && TLS_CODE.test(code)) {
    // Not retried: a handshake that failed once fails again. The operator has something to fix.
    return new UpstreamError(
      'failed',
      `TLS with ${label} failed (${code}): check that its URL's scheme is right and that its certificate is valid and trusted.`,
      { cause: error },
    );
  }
  const failure = code !== undefined && CONNECT_CODES.includes(code) ? 'connect' : 'failed';
  return new UpstreamError(failure, `Could not reach ${label} (${code ?? 'network error'}).`, {
    cause: error,
  });
}

/** The error of an answer that broke off: the turn may have happened upstream, so never `connect`. */
export function brokenOffError(
  error: unknown,
  signal: Aborted,
  label: string,
  status: number,
): UpstreamError {
  if (error instanceof UpstreamError) return error;
  return new UpstreamError(
    signal.aborted ? 'timeout' : 'failed',
    `${label} broke off its answer (HTTP ${status}).`,
    { status, cause: error },
  );
}

/** The error of an answer over {@link MAX_UPSTREAM_BYTES}. */
export function tooLargeError(status: number): UpstreamError {
  return new UpstreamError(
    'bad_response',
    `Upstream answer larger than ${MAX_UPSTREAM_BYTES} bytes.`,
    {
      status,
    },
  );
}

/** The first system error code in the cause chain (undici nests it, sometimes in an AggregateError). */
function systemCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 8) return undefined;
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.code === 'string') return record.code;
  if (Array.isArray(record.errors)) {
    for (const inner of record.errors) {
      const code = systemCode(inner, depth + 1);
      if (code !== undefined) return code;
    }
  }
  return systemCode(record.cause, depth + 1);
}
