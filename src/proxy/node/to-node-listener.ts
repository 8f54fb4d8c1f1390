import type { IncomingMessage, ServerResponse } from 'node:http';
import { LIMITS, type ErrorBody } from '../../core/protocol.ts';
import type { ChatletProxyHandler } from '../handler.ts';

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
}

const UNREADABLE: ErrorBody = {
  error: { code: 'method_not_allowed', message: 'This method is not supported.' },
};

/**
 * Adapts the Fetch-API handler to `node:http` (and Express, whose `app.use` takes the same
 * listener). The socket's remote address becomes the handler's `clientIp`.
 */
export function toNodeListener(
  handler: ChatletProxyHandler,
  options: NodeListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const maxBodyBytes = options.maxBodyBytes ?? LIMITS.bodyBytes + 1;
  return (req, res) => {
    void serve(req, res).catch(() => {
      // The handler answers every failure itself; this only catches a broken socket.
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const socket = req.socket;
    const clientIp = socket.remoteAddress;
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const body = hasBody ? await readCapped(req, maxBodyBytes) : undefined;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
    }
    const init: RequestInit = { method, headers };
    if (body !== undefined && body.byteLength > 0) init.body = body.bytes;
    let request: Request;
    try {
      request = new Request(urlOf(req, options.trustProxy ?? false), init);
    } catch {
      // Methods the Fetch API forbids (TRACE, TRACK) cannot become a Request at all.
      res.writeHead(405, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(UNREADABLE));
      return;
    }
    const response = await handler(request, clientIp === undefined ? {} : { clientIp });

    // The visitor may have gone away meanwhile; the answer still went through the handler (and its
    // idempotency store), so a retry gets it. There is just nobody to write it to.
    if (res.destroyed) return;
    const outgoing: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      if (name === 'set-cookie') return;
      outgoing[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) outgoing['set-cookie'] = cookies;
    if (body?.truncated === true) outgoing['connection'] = 'close';
    res.writeHead(response.status, outgoing);
    if (method === 'HEAD' || response.body === null) {
      res.end();
    } else {
      res.end(Buffer.from(await response.arrayBuffer()));
    }
    // Close a connection whose oversized body we stopped reading, instead of draining it.
    if (body?.truncated === true) res.once('finish', () => socket.destroySoon());
  }
}

/**
 * Reads at most `max` bytes; `truncated` says more was sent. The rest is left unread (the stream is
 * paused, not destroyed, so the socket stays usable for the answer).
 */
function readCapped(
  req: IncomingMessage,
  max: number,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; byteLength: number; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const finish = (truncated: boolean): void => {
      req.off('data', onData).off('end', onEnd).off('error', reject);
      const bytes = new Uint8Array(total);
      bytes.set(Buffer.concat(chunks, total));
      resolve({ bytes, byteLength: total, truncated });
    };
    const onData = (chunk: Buffer): void => {
      const room = max - total;
      if (chunk.byteLength > room) {
        chunks.push(chunk.subarray(0, room));
        total = max;
        req.pause();
        finish(true);
        return;
      }
      chunks.push(chunk);
      total += chunk.byteLength;
    };
    const onEnd = (): void => finish(false);
    req.on('data', onData).on('end', onEnd).on('error', reject);
  });
}

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
  try {
    return new URL(path, `${protocol}://${host}`).href;
  } catch {
    // A Host header that is no host name: answer on a neutral origin rather than fail.
    return new URL(path, `${protocol}://localhost`).href;
  }
}

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.split(',')[0]?.trim() || undefined;
}
