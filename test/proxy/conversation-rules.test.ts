import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/protocol.ts';
import { createChatletProxy } from '../../src/proxy/index.ts';
import { startQuickchatStandIn, type QuickchatStandIn } from '../support/quickchat-stand-in.ts';
import {
  TEST_API_KEY,
  TEST_SCENARIO,
  TEST_SECRET,
  send,
  startHarness,
  type Harness,
} from '../support/proxy-harness.ts';

let harness: Harness | undefined;
let upstream: QuickchatStandIn | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await upstream?.close();
  upstream = undefined;
});

describe('an upstream conversation id of any length', () => {
  it('continues a conversation whose conv_id is 600 characters long', async () => {
    upstream = await startQuickchatStandIn({
      apiKey: TEST_API_KEY,
      scenarioId: TEST_SCENARIO,
      convIdPrefix: 'x'.repeat(595),
    });
    const handler = createChatletProxy({
      provider: {
        kind: 'quickchat',
        apiKey: TEST_API_KEY,
        scenarioId: TEST_SCENARIO,
        url: upstream.url,
      },
      secret: TEST_SECRET,
      log: () => undefined,
    });
    const first = await send(handler, { text: 'Hi' });
    const token = String(first.body['conversation']);
    expect(token.length).toBeLessThanOrEqual(LIMITS.conversationChars);
    const second = await send(handler, { text: 'Again', conversation: token });
    expect(second.status).toBe(200);
    expect(second.body['conversation_reset']).toBe(false);
    expect(String(upstream.requests[1]?.body['conv_id'])).toHaveLength(600);
  });
});

describe("Quickchat's kb_topic rule, kept by the proxy", () => {
  const metadataSent = (index: number) =>
    harness?.upstream.requests[index]?.body['client_metadata'];

  it('sends kb_topic on every later call of a conversation that began with it', async () => {
    harness = await startHarness();
    const first = await send(harness.handler, {
      text: 'Hi',
      client_metadata: { kb_topic: 'billing' },
    });
    // A page without a topic, or a client that drops the key: the proxy still sends it, empty.
    const second = await send(harness.handler, {
      text: 'Again',
      conversation: first.body['conversation'],
      client_metadata: { path: '/other' },
    });
    const third = await send(harness.handler, {
      text: 'And again',
      conversation: second.body['conversation'],
    });
    expect(third.status).toBe(200);
    expect(metadataSent(1)).toEqual({ kb_topic: '', path: '/other' });
    expect(metadataSent(2)).toEqual({ kb_topic: '' });
  });

  it('keeps the key within the limit of five, dropping another key instead', async () => {
    harness = await startHarness();
    const first = await send(harness.handler, { text: 'Hi', client_metadata: { kb_topic: 'a' } });
    const five = { a: 1, b: 2, c: 3, d: 4, e: 5 };
    await send(harness.handler, {
      text: 'Again',
      conversation: first.body['conversation'],
      client_metadata: five,
    });
    expect(metadataSent(1)).toEqual({ kb_topic: '', a: 1, b: 2, c: 3, d: 4 });
  });

  it('adds nothing to a conversation that never carried kb_topic', async () => {
    harness = await startHarness();
    const first = await send(harness.handler, { text: 'Hi' });
    await send(harness.handler, { text: 'Again', conversation: first.body['conversation'] });
    expect(metadataSent(0)).toBeUndefined();
    expect(metadataSent(1)).toBeUndefined();
  });
});
