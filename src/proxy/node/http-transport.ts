import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { urlToHttpOptions } from 'node:url';
import type { ChatletProxyOptions } from '../options.ts';
import { deadlineOfSignal } from '../call-deadline.ts';
import { closeIdleSockets } from './idle-sockets.ts';
import {
  brokenOffError,
  type Aborted,
  MAX_UPSTREAM_BYTES,
  tooLargeError,
  transportError,
  type UpstreamResponse,
  type UpstreamTransport,
} from '../upstream-transport.ts';

/** Options of {@link createNodeTransport}. */
export interface NodeTransportOptions {
  /**
   * Most connections open to one upstream host at once; more calls wait for a free one.
   * @default 64
   */
  maxSockets?: number;
  /**
   * How long an idle connection is kept for the next call, in ms (shorter when the upstream's
   * `Keep-Alive: timeout=` says so). Below the usual 5 s of servers, so a reused connection is
   * rarely one the server is closing at that moment; Node's `fetch` (undici) keeps them about 4 s.
   * @default 4000
   */
  idleMs?: number;
}

/**
 * The upstream transport over `node:http`/`node:https` with a keep-alive agent: on Node it skips
 * `fetch`'s Request, Response and web streams (undici spends ~0.5 ms of CPU per call). It follows
 * no redirect and maps every failure exactly as the `fetch` transport does (upstream-transport.ts).
 */
export function createNodeTransport(options: NodeTransportOptions = {}): UpstreamTransport {
  // No `timeout` option: idle pooled connections are closed by closeIdleSockets, at less cost.
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
  const idleMs = options.idleMs ?? 4_000;
  const http = new HttpAgent(agentOptions);
  const https = new HttpsAgent(agentOptions);
  closeIdleSockets(http, idleMs);
  closeIdleSockets(https, idleMs);
  const targets = createTargets();

  return (url, post) =>
    new Promise((resolve, reject) => {
      const { headers, body, label } = post;
      // The proxy's own calls carry a deadline that needs no AbortSignal (call-deadline.ts).
      const deadline = post.deadline ?? deadlineOfSignal(post.signal);
      if (deadline.aborted) {
        reject(transportError(post.signal.reason, deadline, label));
        return;
      }
      const target = targets(url);
      // The same user agent as Node's fetch, so an upstream's firewall sees no difference.
      const sent: Record<string, string | number> = { 'user-agent': 'node' };
      for (const name in headers) sent[name] = headers[name] as string;
      sent['content-length'] = Buffer.byteLength(body);
      const options: RequestOptions & { servername: string } = {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        path: target.path,
        method: 'POST',
        agent: target.secure ? https : http,
        headers: sent,
        // What the agent would work out from the Host header on every call (a split, an isIP).
        servername: target.servername,
      };
      if (target.auth !== undefined) options.auth = target.auth;
      const req = (target.secure ? httpsRequest : httpRequest)(options);
      // What `request({ signal })` does, without its end-of-stream watcher per call: an abort
      // destroys the request, and the failure is read as a timeout because the deadline passed.
      const settle = deadline.onAbort(() => {
        req.destroy(new DOMException('This operation was aborted', 'AbortError'));
      });
      req.on('error', (error) => {
        settle();
        reject(transportError(error, deadline, label));
      });
      req.on('response', (res) => read(res, deadline, label, settle, resolve, reject));
      req.end(body);
    });
}

/** What a request needs of an upstream URL. */
interface Target {
  secure: boolean;
  protocol: string | null | undefined;
  hostname: string | null | undefined;
  port: number | string | null | undefined;
  path: string | null | undefined;
  auth: string | undefined;
  /** The TLS server name, as the agent derives it: the host name, none for an IP address. */
  servername: string;
}

/**
 * The request options of an upstream URL, parsed once per URL rather than per call (the providers
 * post to one or two fixed URLs); a bounded cache, in case a caller varies them.
 */
function createTargets(): (url: string) => Target {
  const parsed = new Map<string, Target>();
  return (url) => {
    let target: Target | undefined = parsed.get(url);
    if (target === undefined) {
      // Only what `request` reads of a URL, so each call copies a few fields.
      const { protocol, hostname, port, path, auth } = urlToHttpOptions(new URL(url));
      target = {
        secure: protocol === 'https:',
        protocol,
        hostname,
        port,
        path,
        auth: auth ?? undefined,
        servername: isIP(hostname ?? '') !== 0 ? '' : (hostname ?? ''),
      };
      if (parsed.size >= 32) parsed.clear();
      parsed.set(url, target);
    }
    return target;
  };
}

/**
 * Reads the whole answer, up to the cap, into the call's own `resolve` or `reject` (no promise of
 * its own, one hop less per call), `settle` first; a break after the status line is not a connect
 * failure.
 */
function read(
  res: IncomingMessage,
  signal: Aborted,
  label: string,
  settle: () => void,
  resolve: (answer: UpstreamResponse) => void,
  reject: (error: unknown) => void,
): void {
  const status = res.statusCode ?? 0;
  const chunks: Buffer[] = [];
  let total = 0;
  const fail = (error: unknown): void => {
    settle();
    reject(error);
  };
  res.on('data', (chunk: Buffer) => {
    total += chunk.byteLength;
    if (total > MAX_UPSTREAM_BYTES) {
      // Rejected first: destroying may report the cut answer as an error of its own.
      fail(tooLargeError(status));
      res.destroy();
      return;
    }
    chunks.push(chunk);
  });
  res.on('error', (error) => fail(brokenOffError(error, signal, label, status)));
  res.on('aborted', () => fail(brokenOffError(undefined, signal, label, status)));
  res.on('end', () => {
    // One chunk (nearly every answer) is decoded as it is, without a concatenated copy.
    const whole = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
    const text = whole.toString('utf8');
    settle();
    // Response.text() drops a byte order mark; so does this, so JSON.parse sees the same text.
    resolve({
      status,
      headers: headersOf(res),
      text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
    });
  });
}

/** The answer's headers as `UpstreamResponse` reads them: by lower-case name, lists joined. */
function headersOf(res: IncomingMessage): UpstreamResponse['headers'] {
  return {
    get(name) {
      const value = res.headers[name];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

let shared: UpstreamTransport | undefined;

/**
 * `options` with the Node transport unless they chose a `transport` or a `fetch` of their own: what
 * the CLI and the demo server run. One agent per process, so every handler shares its pool.
 */
export function withNodeTransport(options: ChatletProxyOptions): ChatletProxyOptions {
  if (options.transport !== undefined || options.fetch !== undefined) return options;
  shared ??= createNodeTransport();
  return { ...options, transport: shared };
}
