import type { IncomingMessage, ServerResponse } from 'node:http';
import { LIMITS } from '../../core/protocol.ts';
import { internalsOf, type ChatletProxyHandler } from '../handler.ts';
import type { ProxyRequest } from '../proxy-request.ts';
import { failureResponse } from '../answer.ts';
import { HttpError } from '../http-error.ts';
import { batchedOut } from './batched-lines.ts';
import { nodeCrypto } from './node-crypto.ts';
import { CONSUMED_BODY_MESSAGE, parsedBody } from './parsed-body.ts';
import { declaredLength, readBody, type ReadBody } from './read-body.ts';
import { isUnmatched, peek, write, writeAnswer } from './write-answer.ts';

/** Options of {@link toNodeListener}. */
export interface NodeListenerOptions {
  /**
   * Build the request URL from `X-Forwarded-Proto` and `X-Forwarded-Host`, so the same-origin check
   * sees the origin the browser used. Only behind a reverse proxy that sets both.
   * @default false
   */
  trustProxy?: boolean;
  /**
   * Most body bytes buffered before the handler sees the request; beyond it the handler gets a
   * body just over its own limit (and answers 413) and the rest is discarded unread.
   * @default 16 KiB + 1
   */
  maxBodyBytes?: number;
  /**
   * How long the whole body may take to arrive, in ms; a slower one is answered 408 and its
   * connection closed. A chat message is at most 16 KiB: seconds are plenty even on a bad network.
   * @default 10000
   */
  bodyTimeoutMs?: number;
}

/** Express's and Connect's `next`: hands the request to the app's next middleware. */
export type NextFunction = (error?: unknown) => void;

/**
 * Adapts the Fetch-API handler to `node:http` (and Express, whose `app.use` takes the same
 * listener). The socket's remote address becomes the handler's `clientIp`. Mounted in Express, a
 * path the proxy does not serve goes on to `next()`, and a body that a parser in front already
 * read is taken from `req.body`. A handler made by `createChatletProxy` is switched to
 * `node:crypto` for its tokens and fingerprints (same tokens, a fraction of Web Crypto's CPU), and
 * its default request log lines are written once per event-loop turn (batched-lines.ts).
 */
export function toNodeListener(
  handler: ChatletProxyHandler,
  options: NodeListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse, next?: NextFunction) => void {
  const maxBodyBytes = options.maxBodyBytes ?? LIMITS.bodyBytes + 1;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 10_000;
  let toldOperator = false;
  const internals = internalsOf(handler);
  // The proxy's own handler signs and hashes with node:crypto from now on (the same bytes as Web
  // Crypto, at a few µs a call instead of ~80), and is called without a Request or Response.
  if (internals !== undefined) {
    internals.crypto.current = nodeCrypto;
    internals.lines.out = batchedOut;
  }
  const fast = internals?.answer;
  return (req, res, next) => {
    void serve(req, res, next).catch(() => {
      // The handler answers every failure itself; this only catches a broken socket.
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  };

  async function serve(
    req: IncomingMessage,
    res: ServerResponse,
    next?: NextFunction,
  ): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const socket = req.socket;
    const clientIp = socket.remoteAddress;
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const parsed = hasBody ? parsedBody(req) : ({ kind: 'stream' } as const);
    if (parsed.kind === 'consumed') {
      // Reading again would wait for an `end` that already happened: answer now, say why once.
      if (!toldOperator) console.error(`Chatlet proxy: ${CONSUMED_BODY_MESSAGE}`);
      toldOperator = true;
      const error = new HttpError(500, 'misconfigured', CONSUMED_BODY_MESSAGE);
      await write(res, method, failureResponse(error), false);
      return;
    }
    // A body declared larger than the cap is not read at all: the handler sees the declared
    // length and answers 413 (with its CORS headers and log line), and the connection is closed.
    const declared = declaredLength(req);
    const refusedUnread =
      parsed.kind === 'stream' && hasBody && declared !== undefined && declared > maxBodyBytes;
    let body: ReadBody | undefined;
    if (parsed.kind === 'parsed') body = { bytes: parsed.bytes, truncated: false };
    else if (hasBody && !refusedUnread) {
      try {
        body = await readBody(req, maxBodyBytes, bodyTimeoutMs);
      } catch (error) {
        await write(res, method, failureResponse(error), true);
        return;
      }
    }
    const url = urlOf(req, options.trustProxy ?? false);
    const close = refusedUnread || body?.truncated === true;
    if (fast !== undefined && !FORBIDDEN_METHODS.has(method)) {
      // The proxy's own handler: no Request, Headers or body stream on the way in, no Response out.
      const request: ProxyRequest = {
        method,
        url,
        headers: new NodeHeaders(req),
        body: body === undefined || body.bytes.byteLength === 0 ? null : body.bytes,
      };
      const answer = await fast(request, clientIp === undefined ? {} : { clientIp });
      if (next !== undefined && isUnmatched(answer.status, answer.body)) return next();
      writeAnswer(res, method, answer, close);
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
    }
    const init: RequestInit = { method, headers };
    if (body !== undefined && body.bytes.byteLength > 0) init.body = body.bytes;
    let request: Request;
    try {
      request = new Request(url, init);
    } catch {
      // Methods the Fetch API forbids (TRACE, TRACK) cannot become a Request at all.
      const error = new HttpError(405, 'method_not_allowed', 'This method is not supported.');
      await write(res, method, failureResponse(error), false);
      return;
    }
    const response = await handler(request, clientIp === undefined ? {} : { clientIp });
    if (next !== undefined && isUnmatched(response.status, await peek(response))) return next();
    // The visitor may have gone away meanwhile; the answer still went through the handler (and its
    // idempotency store), so a retry gets it. There is just nobody to write it to.
    await write(res, method, response, close);
  }
}

/** Methods the Fetch API refuses to build a `Request` for; answered 405 on both paths alike. */
const FORBIDDEN_METHODS: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * The request headers as `Headers.get` reads them (Node already joined repeated ones with ", ",
 * except `set-cookie`). A class, so a request makes one small object, not a closure over `req`.
 */
class NodeHeaders {
  private readonly req: IncomingMessage;

  constructor(req: IncomingMessage) {
    this.req = req;
  }

  get(name: string): string | null {
    const value = this.req.headers[name];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
}

/** A path with nothing for `URL` to normalise: segments that neither are nor start with a dot. */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9_~-][A-Za-z0-9_.~-]*)*\/?$/;

/** Origins by `scheme://Host` as sent, so a request on a known host builds no `URL`. */
const origins = new Map<string, string>();

function urlOf(req: IncomingMessage, trustProxy: boolean): string {
  const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true;
  let protocol = encrypted ? 'https' : 'http';
  let host = req.headers.host ?? 'localhost';
  if (trustProxy) {
    const forwardedProto = first(req.headers['x-forwarded-proto']);
    const forwardedHost = first(req.headers['x-forwarded-host']);
    if (forwardedProto === 'http' || forwardedProto === 'https') protocol = forwardedProto;
    if (forwardedHost !== undefined) host = forwardedHost;
  }
  // `originalUrl` is Express's: the full path even when mounted with `app.use('/prefix', …)`.
  const path = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  const base = `${protocol}://${host}`;
  let origin = origins.get(base);
  if (origin === undefined) {
    origin = originOf(base, protocol);
    // Bounded: the Host header is the client's to choose.
    if (origins.size >= 64) origins.clear();
    origins.set(base, origin);
  }
  return PLAIN_PATH.test(path) ? origin + path : new URL(path, origin).href;
}

/** The origin of `base`; a Host header that is no host name answers on a neutral origin. */
function originOf(base: string, protocol: string): string {
  try {
    return new URL(base).origin;
  } catch {
    return `${protocol}://localhost`;
  }
}

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.split(',')[0]?.trim() || undefined;
}
