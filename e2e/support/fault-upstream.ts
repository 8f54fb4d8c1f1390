import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A marker that every faulty answer of the stand-in carries in its body (and the redirect in its
 * `Location`), so a test can prove that no upstream body ever reaches the browser.
 */
export const UPSTREAM_MARKER = 'UPSTREAM-BODY-MARKER-7c1e';

/** How the stand-in answers one call. Unscripted calls get `ok`. */
export type Fault =
  /** A documented success `{ord_number, conv_id, reply}`, optionally after `delayMs`. */
  | { kind: 'ok'; delayMs?: number }
  /** 429; `retryAfter` becomes the `Retry-After` header (seconds), absent when undefined. */
  | { kind: '429'; retryAfter?: number }
  /** 500 with a JSON body. */
  | { kind: '500' }
  /** 502 with a gateway's HTML error page. */
  | { kind: '502-html' }
  /** 503 with a JSON body. */
  | { kind: '503' }
  /** Reads the call and never answers. */
  | { kind: 'hang' }
  /** Reads the call, then resets the connection without answering. */
  | { kind: 'reset' }
  /** 200 whose JSON body is cut off in the middle (the turn did happen upstream). */
  | { kind: 'truncated' }
  /** 302 to a login page, as a misconfigured URL or a refused key is answered. */
  | { kind: '302' };

/** One call as the stand-in received it, and how it was answered. */
export interface FaultCall {
  /** The parsed JSON body the proxy sent. */
  body: Record<string, unknown>;
  /** The fault (or `ok`) it was answered with. */
  fault: Fault['kind'];
  /** The reply text when the call was answered `ok` (a bot turn the visitor should see once). */
  reply?: string;
}

/** A running fault-injecting stand-in of Quickchat's legacy `/chat` on 127.0.0.1. */
export interface FaultUpstream {
  /** The chat URL, for `QUICKCHAT_API_URL`. */
  url: string;
  /** Every call so far, oldest first. */
  calls: FaultCall[];
  /** The calls that produced a complete reply: each is one bot turn. */
  replies(): FaultCall[];
  /** Queues how the next calls are answered, one fault each, after those already queued. */
  script(...faults: Fault[]): void;
  /** How many scripted faults are still waiting for a call. */
  pending(): number;
  /** Stops the server and drops hanging connections. */
  close(): Promise<void>;
}

/**
 * Starts the stand-in. A successful answer checks the legacy credentials the proxy must send and
 * keeps conversations (`conv_id` in, the same `conv_id` out), so a retry can be shown to continue
 * the same upstream conversation.
 */
export async function startFaultUpstream(credentials: {
  apiKey: string;
  scenarioId: string;
}): Promise<FaultUpstream> {
  const calls: FaultCall[] = [];
  const faults: Fault[] = [];
  const sockets = new Set<Socket>();
  const turns = new Map<string, number>();
  let nextConversation = 1;

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      // Recorded as empty: the credential check below refuses it.
    }
    const fault = faults.shift() ?? { kind: 'ok' };
    const call: FaultCall = { body, fault: fault.kind };
    calls.push(call);
    const problem = { detail: `upstream trouble ${UPSTREAM_MARKER}` };
    switch (fault.kind) {
      case 'hang':
        return;
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case '429':
        return send(
          res,
          429,
          problem,
          fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) },
        );
      case '500':
        return send(res, 500, problem);
      case '503':
        return send(res, 503, problem);
      case '502-html':
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end(
          `<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>${UPSTREAM_MARKER}</p></body></html>`,
        );
        return;
      case 'truncated': {
        const whole = JSON.stringify({
          ord_number: 2,
          conv_id: 'conv-truncated',
          reply: `A reply that never arrives whole ${UPSTREAM_MARKER}`,
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(whole.slice(0, Math.floor(whole.length / 2)));
        return;
      }
      case '302':
        res.writeHead(302, {
          location: `http://127.0.0.1/login?from=${UPSTREAM_MARKER}`,
          'content-type': 'text/html',
        });
        res.end(`<a href="/login">${UPSTREAM_MARKER}</a>`);
        return;
      case 'ok':
        break;
    }
    if (fault.delayMs !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    }
    if (body['api_key'] !== credentials.apiKey || body['scenario_id'] !== credentials.scenarioId) {
      return send(res, 401, { detail: 'Unauthorized' });
    }
    let convId = body['conv_id'];
    if (typeof convId !== 'string' || !turns.has(convId)) {
      convId = `conv-${nextConversation}`;
      nextConversation += 1;
    }
    const ord = (turns.get(convId as string) ?? 0) + 2;
    turns.set(convId as string, ord);
    const reply = `Answer ${calls.length}: you asked "${String(body['text'])}".`;
    call.reply = reply;
    send(res, 200, { ord_number: ord, conv_id: convId, reply });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/chat`,
    calls,
    replies: () => calls.filter((call) => call.reply !== undefined),
    script: (...more) => void faults.push(...more),
    pending: () => faults.length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
