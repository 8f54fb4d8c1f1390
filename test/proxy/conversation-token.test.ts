import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/protocol.ts';
import { createConversationTokens } from '../../src/proxy/conversation-token.ts';
import { nodeCrypto } from '../../src/proxy/node/node-crypto.ts';
import { webCrypto, type ProxyCrypto } from '../../src/proxy/proxy-crypto.ts';
import { createMemoryState } from '../../src/proxy/state/memory-state.ts';
import { TEST_SECRET, send, startHarness, type Harness } from '../support/proxy-harness.ts';

const DAY = 86_400_000;

/** Every rule below holds with Web Crypto (all runtimes) and with node:crypto (the Node adapter). */
const CRYPTOS: [string, ProxyCrypto][] = [
  ['Web Crypto', webCrypto],
  ['node:crypto', nodeCrypto],
];

/** Flips one character of the token's part `index` to another base64url character. */
function tamper(token: string, index: number): string {
  const parts = token.split('.');
  const part = parts[index] ?? '';
  const at = Math.floor(part.length / 2);
  parts[index] = part.slice(0, at) + (part[at] === 'A' ? 'B' : 'A') + part.slice(at + 1);
  return parts.join('.');
}

describe.each(CRYPTOS)('conversation tokens with %s', (_name, crypto) => {
  function tokens(secret = TEST_SECRET, now = () => 1_700_000_000_000) {
    return createConversationTokens(secret, {
      now,
      maxAgeMs: 30 * DAY,
      crypto: { current: crypto },
    });
  }

  it('open to the key they wrap', async () => {
    const codec = tokens();
    const token = await codec.mint('quickchat', { key: 'conv-123', sticky: [] });
    expect(await codec.open('quickchat', token)).toEqual({ key: 'conv-123', sticky: [] });
  });

  it('do not show the secret and are URL-safe', async () => {
    const token = await tokens().mint('quickchat', { key: 'conv-123', sticky: [] });
    expect(token).toMatch(/^c1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(token).not.toContain(TEST_SECRET);
  });

  it('refuse a token with a changed payload or signature', async () => {
    const codec = tokens();
    const token = await codec.mint('quickchat', { key: 'conv-123', sticky: [] });
    expect(await codec.open('quickchat', tamper(token, 1))).toBeUndefined();
    expect(await codec.open('quickchat', tamper(token, 2))).toBeUndefined();
  });

  it('refuse a token signed with another secret', async () => {
    const forged = await tokens('another-secret-of-enough-length-0123456789').mint('quickchat', {
      key: 'x',
      sticky: [],
    });
    expect(await tokens().open('quickchat', forged)).toBeUndefined();
  });

  it('still open tokens of a previous secret after a rotation, and mint with the new one', async () => {
    const old = await tokens().mint('quickchat', { key: 'conv-old', sticky: [] });
    const rotated = createConversationTokens('the-new-secret-after-rotation-0123456789', {
      now: () => 1_700_000_000_000,
      maxAgeMs: 30 * DAY,
      previousSecrets: [TEST_SECRET],
      crypto: { current: crypto },
    });
    expect(await rotated.open('quickchat', old)).toEqual({ key: 'conv-old', sticky: [] });
    const fresh = await rotated.mint('quickchat', { key: 'conv-new', sticky: [] });
    expect(await tokens().open('quickchat', fresh)).toBeUndefined();
  });

  it("refuse another provider's token", async () => {
    const codec = tokens();
    const token = await codec.mint('famulor', { key: 'customer-1', sticky: [] });
    expect(await codec.open('quickchat', token)).toBeUndefined();
  });

  it('refuse malformed tokens', async () => {
    const codec = tokens();
    const valid = await codec.mint('quickchat', { key: 'conv-123', sticky: [] });
    for (const token of [
      '',
      'c1',
      'c1..',
      'c2.a.b',
      `${valid}.extra`,
      valid.replace('c1', 'c0'),
      'c1.!!.??',
    ]) {
      expect(await codec.open('quickchat', token)).toBeUndefined();
    }
  });

  it('expire after the maximum age', async () => {
    let now = 1_700_000_000_000;
    const codec = tokens(TEST_SECRET, () => now);
    const token = await codec.mint('quickchat', { key: 'conv-123', sticky: [] });
    now += 30 * DAY;
    expect(await codec.open('quickchat', token)).toEqual({ key: 'conv-123', sticky: [] });
    now += 1000;
    expect(await codec.open('quickchat', token)).toBeUndefined();
  });
});

describe.each(CRYPTOS)('conversation tokens and long upstream keys with %s', (_name, crypto) => {
  it('never exceed what the proxy accepts, whatever the key length, and still open to the key', async () => {
    const { store } = createMemoryState();
    const codec = createConversationTokens(TEST_SECRET, {
      now: () => 1_700_000_000_000,
      maxAgeMs: 30 * DAY,
      store,
      crypto: { current: crypto },
    });
    for (const length of [10, 300, 600, 5_000]) {
      const key = 'k'.repeat(length);
      const token = await codec.mint('quickchat', { key, sticky: ['kb_topic'] });
      expect(token.length).toBeLessThanOrEqual(LIMITS.conversationChars);
      expect(await codec.open('quickchat', token)).toEqual({ key, sticky: ['kb_topic'] });
    }
  });
});

describe('the chat route with a refused token', () => {
  let harness: Harness;
  afterEach(() => harness.close());

  it('starts a new conversation, never sending the forged key upstream', async () => {
    harness = await startHarness();
    const first = await send(harness.handler, { text: 'Hi' });
    const forged = tamper(String(first.body['conversation']), 1);
    const second = await send(harness.handler, { text: 'Again', conversation: forged });
    expect(second.status).toBe(200);
    expect(second.body['conversation_reset']).toBe(true);
    expect(harness.upstream.requests[1]?.body['conv_id']).toBeUndefined();
  });

  it('does not accept a token minted by a proxy with another secret', async () => {
    harness = await startHarness();
    const other = await startHarness({ secret: 'a-different-secret-for-another-proxy-0000' });
    try {
      const foreign = await send(other.handler, { text: 'Hi' });
      const mine = await send(harness.handler, {
        text: 'Hijack?',
        conversation: foreign.body['conversation'],
      });
      expect(mine.body['conversation_reset']).toBe(true);
      expect(harness.upstream.requests[0]?.body['conv_id']).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});
