import type { ErrorBody } from '../core/protocol.ts';
import { toHttpError, type HttpError } from './http-error.ts';

/**
 * An answer of the proxy before it is sent: status, headers by lower-case name, and the JSON text.
 * The handler builds these; a Fetch runtime gets them as a `Response` ({@link toResponse}), the
 * Node adapter writes them to `node:http` directly, without a `Response` and its body stream.
 */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/**
 * Headers every JSON answer of the proxy carries, as a fresh literal per answer. Not a copy of a
 * shared object: V8 gives a spread copy a map it keeps no transitions for, so each header the
 * handler then adds (CORS, `vary`, `x-request-id`) made a new map, ~2.5 µs a message.
 */
function jsonHeaders(): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
}

/** A JSON answer with the proxy's standard headers. */
export function jsonAnswer(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Answer {
  const merged = jsonHeaders();
  // The standard headers win over the caller's, as they always have.
  for (const name in headers) {
    if (!Object.hasOwn(merged, name)) merged[name] = headers[name] as string;
  }
  return { status, headers: merged, body: JSON.stringify(body) };
}

/** A JSON answer whose body is already serialised (`text` must be JSON). */
export function jsonTextAnswer(status: number, text: string): Answer {
  return { status, headers: jsonHeaders(), body: text };
}

/** The error envelope of src/core/protocol.ts for an {@link HttpError}, with `Retry-After` when it has one. */
export function errorAnswer(error: HttpError, headers: Record<string, string> = {}): Answer {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.field !== undefined) body.error.field = error.field;
  // Copied into a literal rather than spread, for the reason given at jsonHeaders.
  const merged: Record<string, string> = {};
  for (const name in headers) merged[name] = headers[name] as string;
  if (error.retryAfterS !== undefined) {
    body.error.retry_after_s = error.retryAfterS;
    merged['retry-after'] = String(error.retryAfterS);
  }
  if (error.allow !== undefined) merged['allow'] = error.allow;
  return jsonAnswer(error.status, body, merged);
}

/** The answer as a Fetch-API `Response`. */
export function toResponse(answer: Answer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/**
 * The answer for anything thrown: the one mapping from failures to HTTP, used by the handler and
 * by the runtime adapters for what fails before the handler runs.
 */
export function failureResponse(error: unknown): Response {
  return toResponse(errorAnswer(toHttpError(error)));
}
