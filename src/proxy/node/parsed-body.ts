import type { IncomingMessage } from 'node:http';

/** What a body parser mounted before the proxy (Express's `express.json()`, …) left of the body. */
export type ParsedBody =
  /** No parser ran: the body is still in the stream. */
  | { kind: 'stream' }
  /** A parser read the stream and kept the body on `req.body`: use it instead. */
  | { kind: 'parsed'; bytes: Uint8Array<ArrayBuffer> }
  /** The stream was read by someone else and nothing usable is left: waiting would hang forever. */
  | { kind: 'consumed' };

/**
 * Finds out whether the request body is still there to read. Express's `express.json()` (or
 * `text()`, `raw()`) in front of the proxy reads the stream and leaves the result on `req.body`;
 * reading the stream again then waits for an `end` that already happened.
 */
export function parsedBody(req: IncomingMessage): ParsedBody {
  if (!req.readableEnded) return STREAM;
  const body = (req as { body?: unknown }).body;
  if (body instanceof Uint8Array) return { kind: 'parsed', bytes: new Uint8Array(body) };
  if (typeof body === 'string') return { kind: 'parsed', bytes: new TextEncoder().encode(body) };
  // Express 5 leaves `req.body` undefined when no parser matched; `{}` from Express 4 for an empty body.
  if (
    body !== undefined &&
    body !== null &&
    typeof body === 'object' &&
    Object.keys(body).length > 0
  ) {
    return { kind: 'parsed', bytes: new TextEncoder().encode(JSON.stringify(body)) };
  }
  return { kind: 'consumed' };
}

/** The answer of nearly every request, made once. */
const STREAM: ParsedBody = { kind: 'stream' };

/** The operator-facing answer when the body was consumed before the proxy saw it. */
export const CONSUMED_BODY_MESSAGE =
  'A body parser read this request before the Chatlet proxy: mount the proxy before express.json() (or any body parser), or keep the parsed body on req.body.';
