import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatletProxy } from '../../src/proxy/index.ts';
import {
  PROXY_ORIGIN,
  quickchatAt,
  startHarness,
  TEST_SECRET,
  type Harness,
} from '../support/proxy-harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('createChatletProxy mounted in a Hono app (README: "Mounting it in your own server")', () => {
  it('answers its routes under the app prefix, passes the client IP, and leaves the rest to the app', async () => {
    harness = await startHarness();
    const proxy = createChatletProxy({
      provider: quickchatAt(harness.upstream.url),
      secret: TEST_SECRET,
      ipRequestsPerMinute: 1,
      log: () => undefined,
    });
    const app = new Hono();
    app.all('/support/*', (c) =>
      proxy(c.req.raw, { clientIp: c.req.header('x-test-client') ?? 'unknown' }),
    );
    app.get('/', (c) => c.text('the app itself'));

    const post = async (text: string, client: string): Promise<Response> =>
      await app.request(`${PROXY_ORIGIN}/support/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-test-client': client },
        body: JSON.stringify({ text, client_metadata: { kb_topic: 'billing' } }),
      });

    const first = await post('Hi', '203.0.113.7');
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      reply: expect.any(String),
      conversation_reset: false,
    });
    expect(harness.upstream.requests[0]?.body).toMatchObject({
      text: 'Hi',
      client_metadata: { kb_topic: 'billing' },
    });
    // The per-IP bucket follows the clientIp the app passes: a second client is not limited.
    expect((await post('Again', '203.0.113.7')).status).toBe(429);
    expect((await post('Hello', '198.51.100.9')).status).toBe(200);

    expect((await app.request(`${PROXY_ORIGIN}/support/healthz`)).status).toBe(200);
    expect(await (await app.request(`${PROXY_ORIGIN}/`)).text()).toBe('the app itself');
  });
});
