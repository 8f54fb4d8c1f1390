import { afterEach, describe, expect, it } from 'vitest';
import { createConversationTokens } from '../../src/proxy/conversation-token.ts';
import { TEST_SECRET, send, startHarness, type Harness } from '../support/proxy-harness.ts';

const DAY = 86_400_000;

function tokens(secret = TEST_SECRET, now = () => 1_700_000_000_000) {
  return createConversationTokens(secret, { now, maxAgeMs: 30 * DAY });
}

/** Flips one character of the token's part `index` to another base64url character. */
function tamper(token: string, index: number): string {
  const parts = token.split('.');
  const part = parts[index] ?? '';
  const at = Math.floor(part.length / 2);
  parts[index] = part.slice(0, at) + (part[at] === 'A' ? 'B' : 'A') + part.slice(at + 1);
  return parts.join('.');
}

describe('conversation tokens', () => {
  it('open to the key they wrap', async () => {
    const codec = tokens();
    const token = await codec.mint('quickchat', 'conv-123');
    expect(await codec.open('quickchat', token)).toBe('conv-123');
  });

  it('do not show the secret and are URL-safe', async () => {
    const token = await tokens().mint('quickchat', 'conv-123');
    expect(token).toMatch(/^c1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(token).not.toContain(TEST_SECRET);
  });

  it('refuse a token with a changed payload or signature', async () => {
    const codec = tokens();
    const token = await codec.mint('quickchat', 'conv-123');
    expect(await codec.open('quickchat', tamper(token, 1))).toBeUndefined();
    expect(await codec.open('quickchat', tamper(token, 2))).toBeUndefined();
  });

  it('refuse a token signed with another secret', async () => {
    const forged = await tokens('another-secret-of-enough-length-0123456789').mint(
      'quickchat',
      'x',
    );
    expect(await tokens().open('quickchat', forged)).toBeUndefined();
  });

  it('still open tokens of a previous secret after a rotation, and mint with the new one', async () => {
    const old = await tokens().mint('quickchat', 'conv-old');
    const rotated = createConversationTokens('the-new-secret-after-rotation-0123456789', {
      now: () => 1_700_000_000_000,
      maxAgeMs: 30 * DAY,
      previousSecrets: [TEST_SECRET],
    });
    expect(await rotated.open('quickchat', old)).toBe('conv-old');
    const fresh = await rotated.mint('quickchat', 'conv-new');
    expect(await tokens().open('quickchat', fresh)).toBeUndefined();
  });

  it("refuse another provider's token", async () => {
    const codec = tokens();
    const token = await codec.mint('famulor', 'customer-1');
    expect(await codec.open('quickchat', token)).toBeUndefined();
  });

  it('refuse malformed tokens', async () => {
    const codec = tokens();
    const valid = await codec.mint('quickchat', 'conv-123');
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
    const token = await codec.mint('quickchat', 'conv-123');
    now += 30 * DAY;
    expect(await codec.open('quickchat', token)).toBe('conv-123');
    now += 1000;
    expect(await codec.open('quickchat', token)).toBeUndefined();
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
