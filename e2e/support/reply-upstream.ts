import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test as base } from '@playwright/test';
import { SCENARIO_ID, SECRET_KEY, startBuiltServer } from './servers.ts';

/** A loopback Quickchat-legacy stand-in whose reply to each message a test chooses. */
export interface ReplyUpstream {
  /** Full URL of its chat route, for QUICKCHAT_API_URL. */
  url: string;
  /** The visitor texts it received, oldest first. */
  texts: string[];
  /** Chooses the reply to a visitor text; by default it echoes "Reply to <text>". */
  answer: (text: string) => string;
  close(): Promise<void>;
}

/**
 * Starts the stand-in on 127.0.0.1. It speaks Quickchat's legacy contract (`{ord_number, conv_id,
 * reply}`, credentials in the body) and answers each call with `answer(text)`, so a test can push
 * hundreds of chosen replies through the real proxy without a fixed order.
 */
export async function startReplyUpstream(): Promise<ReplyUpstream> {
  let conversations = 0;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<
      string,
      unknown
    >;
    res.setHeader('content-type', 'application/json');
    if (body['api_key'] !== SECRET_KEY || body['scenario_id'] !== SCENARIO_ID) {
      res.writeHead(401);
      res.end(JSON.stringify({ detail: 'unknown api_key' }));
      return;
    }
    const text = String(body['text']);
    upstream.texts.push(text);
    const convId =
      typeof body['conv_id'] === 'string' ? body['conv_id'] : `conv-${++conversations}`;
    const reply = upstream.answer(text);
    res.end(JSON.stringify({ ord_number: upstream.texts.length, conv_id: convId, reply }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const upstream: ReplyUpstream = {
    url: `http://127.0.0.1:${port}/chat`,
    texts: [],
    answer: (text) => `Reply to ${text}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return upstream;
}

/**
 * Fixture `replying`: the built demo server configured for Quickchat's legacy API against a
 * {@link ReplyUpstream}, with the proxy's rate limits off so one page can send many messages. Its
 * log lines are kept in `logs` instead of flooding the test output.
 */
export const test = base.extend<{
  replying: { url: string; upstream: ReplyUpstream; logs: string[] };
}>({
  replying: async ({}, use) => {
    const upstream = await startReplyUpstream();
    const logs: string[] = [];
    const server = await startBuiltServer(
      {
        QUICKCHAT_API_KEY: SECRET_KEY,
        QUICKCHAT_SCENARIO_ID: SCENARIO_ID,
        QUICKCHAT_API_URL: upstream.url,
        CHATLET_SECRET: 'e2e-signing-secret-0123456789abcdef0123',
        CHATLET_IP_REQUESTS_PER_MINUTE: '0',
        CHATLET_CONVERSATION_REQUESTS_PER_MINUTE: '0',
      },
      (line) => logs.push(line),
    );
    await use({ url: server.url, upstream, logs });
    await server.close();
    await upstream.close();
  },
});

export { expect } from '@playwright/test';
