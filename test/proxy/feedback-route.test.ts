import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isProxyConfigError } from '../../src/proxy/config-error.ts';
import { createChatletProxy } from '../../src/proxy/index.ts';
import type { ChatletProxyOptions } from '../../src/proxy/index.ts';
import {
  PROXY_ORIGIN,
  TEST_API_KEY,
  TEST_SECRET,
  chatRequest,
  errorOf,
  send,
  startHarness,
  type Harness,
} from '../support/proxy-harness.ts';

/** A loopback receiver for CHATLET_FEEDBACK_WEBHOOK that records what it is sent. */
async function startReceiver(status = 200) {
  const received: Array<{ body: string; headers: Record<string, unknown> }> = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
    res.writeHead(status).end('receiver body that must not be read');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let harness: Harness;

async function start(options: Partial<ChatletProxyOptions> = {}, status = 200): Promise<void> {
  receiver = await startReceiver(status);
  harness = await startHarness({ feedbackWebhook: receiver.url, ...options });
}
beforeEach(() => start());
afterEach(async () => {
  await harness.close();
  await receiver.close();
});

/** Sends one message with `id` and returns the conversation token of its reply. */
async function answered(id: string, conversation?: string): Promise<string> {
  const { status, body } = await send(harness.handler, {
    text: 'Hi',
    client_message_id: id,
    ...(conversation === undefined ? {} : { conversation }),
  });
  expect(status).toBe(200);
  return body['conversation'] as string;
}

async function rate(body: unknown, headers: Record<string, string> = {}) {
  const response = await harness.handler(
    chatRequest(body, { path: '/chat/feedback', headers }),
    {},
  );
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : JSON.parse(text), response };
}

const ID = '0b7c1c1e-2f7a-4a53-9d7e-1b2c3d4e5f60';
const OTHER_ID = '9d1f0e4c-7b2a-4c11-8e3f-aa00bb11cc22';
const feedbackLines = () => harness.logs.filter((entry) => entry.event === 'feedback');

describe('POST /chat/feedback', () => {
  it('accepts a rating of a reply it gave, logs it and forwards it without token or secret', async () => {
    const conversation = await answered(ID);
    const { status, response } = await rate({ conversation, client_message_id: ID, rating: 'up' });
    expect(status).toBe(204);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(feedbackLines()).toEqual([
      expect.objectContaining({ level: 'info', rating: 'up', client_message_id: ID }),
    ]);
    expect(receiver.received).toHaveLength(1);
    const sent = JSON.parse(receiver.received[0]?.body ?? '{}') as Record<string, unknown>;
    expect(sent).toEqual({
      event: 'feedback',
      rating: 'up',
      client_message_id: ID,
      provider: 'quickchat',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const wire = JSON.stringify(receiver.received);
    for (const secret of [conversation, TEST_SECRET, TEST_API_KEY]) {
      expect(wire).not.toContain(secret);
    }
  });

  it('accepts a later message of the same conversation, also under a fresh token', async () => {
    const first = await answered(ID);
    const second = await answered(OTHER_ID, first);
    expect(
      (await rate({ conversation: second, client_message_id: OTHER_ID, rating: 'down' })).status,
    ).toBe(204);
    expect(
      (await rate({ conversation: second, client_message_id: ID, rating: 'down' })).status,
    ).toBe(204);
    expect(receiver.received).toHaveLength(2);
  });

  it.each([
    [
      'an unknown rating',
      (token: string) => ({ conversation: token, client_message_id: ID, rating: 'meh' }),
      400,
      'rating',
    ],
    [
      'a missing id',
      (token: string) => ({ conversation: token, rating: 'up' }),
      400,
      'client_message_id',
    ],
    [
      'an id that is not an id',
      (token: string) => ({ conversation: token, client_message_id: 'x', rating: 'up' }),
      400,
      'client_message_id',
    ],
    ['a missing token', () => ({ client_message_id: ID, rating: 'up' }), 400, 'conversation'],
    [
      'a forged token',
      () => ({ conversation: 'v1.forged.token', client_message_id: ID, rating: 'up' }),
      403,
      'conversation',
    ],
    [
      'an id this conversation never sent',
      (token: string) => ({ conversation: token, client_message_id: OTHER_ID, rating: 'up' }),
      404,
      'client_message_id',
    ],
  ])('refuses %s with a clear 4xx and forwards nothing', async (_name, body, status, field) => {
    const conversation = await answered(ID);
    const result = await rate(body(conversation));
    expect(result.status).toBe(status);
    expect(errorOf(result.body)['field']).toBe(field);
    expect(String(errorOf(result.body)['message'])).toMatch(/\w{4}/);
    expect(feedbackLines()).toEqual([]);
    expect(receiver.received).toEqual([]);
  });

  it("refuses an id answered in another visitor's conversation", async () => {
    await answered(ID);
    const mine = await answered(OTHER_ID);
    const result = await rate({ conversation: mine, client_message_id: ID, rating: 'up' });
    expect(result.status).toBe(404);
    expect(receiver.received).toEqual([]);
  });

  it('refuses an oversized body (413), a body that is not JSON (415) and a foreign origin (403)', async () => {
    const conversation = await answered(ID);
    const big = await rate({
      conversation,
      client_message_id: ID,
      rating: 'up',
      pad: 'x'.repeat(2000),
    });
    expect(big.status).toBe(413);
    const response = await harness.handler(
      new Request(`${PROXY_ORIGIN}/chat/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'up',
      }),
    );
    expect(response.status).toBe(415);
    const foreign = await rate(
      { conversation, client_message_id: ID, rating: 'up' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(errorOf(foreign.body)['code']).toBe('forbidden_origin');
    expect(receiver.received).toEqual([]);
  });

  it('lets an allowed page read the answer (CORS) and answers its preflight', async () => {
    const page = { origin: 'https://shop.example' };
    await harness.close();
    await receiver.close();
    await start({ allowedOrigins: [page.origin] });
    const conversation = await answered(ID);
    const { status, response } = await rate(
      { conversation, client_message_id: ID, rating: 'up' },
      page,
    );
    expect(status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(page.origin);
    const preflight = await harness.handler(
      new Request(`${PROXY_ORIGIN}/chat/feedback`, { method: 'OPTIONS', headers: page }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('is rate-limited like chat, in its own bucket', async () => {
    await harness.close();
    await receiver.close();
    await start({ ipRequestsPerMinute: 2, conversationRequestsPerMinute: 0 });
    const conversation = await answered(ID);
    const body = { conversation, client_message_id: ID, rating: 'up' };
    expect((await rate(body)).status).toBe(204);
    expect((await rate(body)).status).toBe(204);
    const limited = await rate(body);
    expect(limited.status).toBe(429);
    expect(limited.response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(receiver.received).toHaveLength(2);
    // Ratings did not eat into the chat allowance: one message is still allowed.
    expect((await send(harness.handler, { text: 'Still here?', conversation })).status).toBe(200);
  });

  it('tries a failing webhook once, still answers 204 and logs a warning without its body', async () => {
    await harness.close();
    await receiver.close();
    await start({}, 500);
    const conversation = await answered(ID);
    expect((await rate({ conversation, client_message_id: ID, rating: 'down' })).status).toBe(204);
    expect(receiver.received).toHaveLength(1);
    const warning = harness.logs.find((entry) => entry.event === 'feedback_webhook_failed');
    expect(warning).toMatchObject({ level: 'warn', status: 500 });
    expect(JSON.stringify(harness.logs)).not.toContain('receiver body');
  });

  it('only logs when no webhook is set', async () => {
    await harness.close();
    await receiver.close();
    receiver = await startReceiver();
    harness = await startHarness();
    const conversation = await answered(ID);
    expect((await rate({ conversation, client_message_id: ID, rating: 'up' })).status).toBe(204);
    expect(feedbackLines()).toHaveLength(1);
    expect(receiver.received).toEqual([]);
  });

  it.each(['http://hooks.example/feedback', 'ftp://127.0.0.1/x', 'not a url'])(
    'refuses to start with CHATLET_FEEDBACK_WEBHOOK %s',
    (url) => {
      let thrown: unknown;
      try {
        createChatletProxy({
          provider: {
            kind: 'quickchat',
            apiKey: TEST_API_KEY,
            scenarioId: 'scenario-1',
            url: 'http://127.0.0.1:1/chat',
          },
          secret: TEST_SECRET,
          feedbackWebhook: url,
        });
      } catch (error) {
        thrown = error;
      }
      expect(isProxyConfigError(thrown)).toBe(true);
      expect(String((thrown as Error).message)).toContain('CHATLET_FEEDBACK_WEBHOOK');
    },
  );
});
