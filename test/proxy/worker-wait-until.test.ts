import { afterEach, describe, expect, it } from 'vitest';
import worker from '../../src/proxy/worker.ts';
import { startQuickchatStandIn, type QuickchatStandIn } from '../support/quickchat-stand-in.ts';
import { chatRequest, TEST_API_KEY, TEST_SCENARIO, TEST_SECRET } from '../support/proxy-harness.ts';

/**
 * The Worker entry hands an upstream attempt that outlives its 504 to `ctx.waitUntil`: without it
 * the Workers runtime may cancel the attempt once the response is sent, and the retry that the
 * attempt was kept for would find nothing.
 */

let upstream: QuickchatStandIn | undefined;
afterEach(() => upstream?.close());

const ID = '0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a';

describe('the Worker entry', () => {
  it('keeps the attempt behind a 504 alive with ctx.waitUntil until its answer is stored', async () => {
    upstream = await startQuickchatStandIn({ apiKey: TEST_API_KEY, scenarioId: TEST_SCENARIO });
    let release = () => {};
    upstream.script({ kind: 'reply', after: new Promise((resolve) => (release = resolve)) });
    const env = {
      QUICKCHAT_API_KEY: TEST_API_KEY,
      QUICKCHAT_SCENARIO_ID: TEST_SCENARIO,
      QUICKCHAT_API_URL: upstream.url,
      CHATLET_SECRET: TEST_SECRET,
      // The attempt may run 2 s; it is released well within that, also on a busy machine.
      CHATLET_UPSTREAM_TIMEOUT_MS: '1000',
    };
    const kept: Array<Promise<unknown>> = [];
    const ctx = { waitUntil: (work: Promise<unknown>) => void kept.push(work) };
    const first = await worker.fetch(chatRequest({ text: 'Hi', client_message_id: ID }), env, ctx);
    expect(first.status).toBe(504);
    expect(kept).toHaveLength(1);
    release();
    await kept[0];
    const retry = await worker.fetch(chatRequest({ text: 'Hi', client_message_id: ID }), env, ctx);
    expect(retry.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
  });
});
