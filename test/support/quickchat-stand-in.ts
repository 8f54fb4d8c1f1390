import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { answerFault, type FaultStep } from './fault-steps.ts';
import type { AddressInfo, Socket } from 'node:net';

/** How the stand-in answers one request; unscripted requests get a documented success. */
export type QuickchatStep =
  /** A documented success; `omitConvId` answers a continuation without `conv_id` (legacy quirk). */
  | { kind: 'reply'; reply?: string; omitConvId?: boolean; after?: Promise<void> }
  /** A failure: a status, a raw body, a hang or a reset (see fault-steps.ts). */
  | FaultStep;

/** One request as the stand-in received it. */
export interface QuickchatRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: Record<string, unknown>;
  raw: string;
}

/** A running stand-in of Quickchat's `/chat` on 127.0.0.1. */
export interface QuickchatStandIn {
  /** The chat URL, `http://127.0.0.1:<port>/chat`. */
  url: string;
  /** Every request received, in order. */
  requests: QuickchatRequest[];
  /** Queues how the next requests are answered, one step each. */
  script(...steps: QuickchatStep[]): void;
  /** Resolves once `count` requests have arrived. */
  received(count: number): Promise<void>;
  /** Conversations the stand-in knows; delete one to make it answer "conv_id … does not exist". */
  conversations: Map<string, number>;
  /** Stops the server and drops hanging connections. */
  close(): Promise<void>;
}

/** Credentials the stand-in accepts: the legacy body key, or the current API's Bearer token. */
export interface QuickchatStandInOptions {
  apiKey?: string;
  token?: string;
  scenarioId: string;
  /** Put before each new `conv_id` (`conv1`, …), e.g. to make them 600 characters long. */
  convIdPrefix?: string;
}

/**
 * Starts a loopback stand-in that behaves like Quickchat's documented `/chat`: it checks the
 * credentials (401), the required parameters and unknown `conv_id`s (400, with the documented
 * messages), and answers `{ord_number, conv_id, reply}`.
 */
export async function startQuickchatStandIn(
  options: QuickchatStandInOptions,
): Promise<QuickchatStandIn> {
  const requests: QuickchatRequest[] = [];
  const steps: QuickchatStep[] = [];
  const conversations = new Map<string, number>();
  const sockets = new Set<Socket>();
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let nextConversation = 1;

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(raw) as unknown;
      if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
    } catch {
      // Left empty: the parameter check below answers it like Quickchat would.
    }
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    requests.push({ method: req.method ?? '', path, headers: req.headers, body, raw });
    for (const waiter of waiters.filter((item) => item.count <= requests.length)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }

    const step = steps.shift() ?? { kind: 'reply' };
    if (answerFault(res, step)) return;

    if (step.after !== undefined) await step.after;
    const authorized =
      options.token !== undefined
        ? req.headers.authorization === `Bearer ${options.token}`
        : body['api_key'] === options.apiKey;
    if (!authorized || body['scenario_id'] !== options.scenarioId) {
      return json(res, 401, { detail: 'Unauthorized' });
    }
    if (typeof body['text'] !== 'string') {
      return json(res, 400, { detail: 'Parameters api_key, scenario_id, text are required' });
    }
    const convId = body['conv_id'];
    if (convId !== undefined) {
      const ord = typeof convId === 'string' ? conversations.get(convId) : undefined;
      if (ord === undefined) {
        return json(res, 400, { detail: `conv_id ${String(convId)} does not exist` });
      }
      conversations.set(convId as string, ord + 2);
      const answer: Record<string, unknown> = {
        ord_number: ord + 2,
        reply: step.reply ?? `You said: ${body['text']}`,
      };
      if (step.omitConvId !== true) answer['conv_id'] = convId;
      return json(res, 200, answer);
    }
    const id = `${options.convIdPrefix ?? ''}conv${nextConversation}`;
    nextConversation += 1;
    conversations.set(id, 2);
    return json(res, 200, {
      ord_number: 2,
      conv_id: id,
      reply: step.reply ?? `Hello! You said: ${body['text']}`,
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/chat`,
    requests,
    conversations,
    script: (...more) => void steps.push(...more),
    received: (count) =>
      requests.length >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => void waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
