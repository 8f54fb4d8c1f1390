import { afterEach, describe, expect, it } from 'vitest';
import { toBase64Url } from '../../src/proxy/base64url.ts';
import { createConversationTokens } from '../../src/proxy/conversation-token.ts';
import { createChatletProxy } from '../../src/proxy/index.ts';
import { internalsOf } from '../../src/proxy/handler.ts';
import { fingerprintOf } from '../../src/proxy/message-fingerprint.ts';
import { nodeCrypto } from '../../src/proxy/node/node-crypto.ts';
import { listen, toNodeListener, type Listening } from '../../src/proxy/node/index.ts';
import { webCrypto, type ProxyCrypto } from '../../src/proxy/proxy-crypto.ts';
import { createMemoryState } from '../../src/proxy/state/memory-state.ts';
import {
  TEST_SECRET,
  send,
  quickchatAt,
  startHarness,
  type Harness,
} from '../support/proxy-harness.ts';

const DAY = 86_400_000;
const TEXTS = ['', 'Where is my order?', 'Grüße, 你好, مرحبا, 🙂', 'x'.repeat(20_000)];

function codec(crypto: ProxyCrypto, options: { previous?: string[]; secret?: string } = {}) {
  return createConversationTokens(options.secret ?? TEST_SECRET, {
    now: () => 1_700_000_000_000,
    maxAgeMs: 30 * DAY,
    previousSecrets: options.previous ?? [],
    store: sharedStore,
    crypto: { current: crypto },
  });
}
const sharedStore = createMemoryState().store;

describe('node:crypto beside Web Crypto', () => {
  it('gives the same HMAC and SHA-256 bytes for the same text', async () => {
    const web = webCrypto.hmacKey(TEST_SECRET);
    const node = nodeCrypto.hmacKey(TEST_SECRET);
    for (const text of TEXTS) {
      expect(Buffer.from(await node.sign(text))).toEqual(Buffer.from(await web.sign(text)));
      expect(Buffer.from(await nodeCrypto.sha256(text))).toEqual(
        Buffer.from(await webCrypto.sha256(text)),
      );
      expect(await fingerprintOf(nodeCrypto, text, 'ctx')).toBe(
        await fingerprintOf(webCrypto, text, 'ctx'),
      );
      // The native encoders spell exactly what the token code's own encoder spells.
      expect(node.signBase64Url?.(text)).toBe(toBase64Url(await web.sign(text)));
      expect(nodeCrypto.base64UrlOf?.(text)).toBe(toBase64Url(new TextEncoder().encode(text)));
    }
  });

  it('opens tokens minted by the other, both ways, also after a rotation and for stored long keys', async () => {
    const conversations = [
      { key: 'conv-123', sticky: [] },
      { key: 'k'.repeat(600), sticky: ['kb_topic'] },
      { key: 'Grüße-你好-🙂', sticky: ['kb_topic'] },
    ];
    for (const [from, to] of [
      [webCrypto, nodeCrypto],
      [nodeCrypto, webCrypto],
    ] as const) {
      for (const conversation of conversations) {
        const token = await codec(from).mint('quickchat', conversation);
        expect(await codec(to).mint('quickchat', conversation)).toBe(token);
        expect(await codec(to).open('quickchat', token)).toEqual(conversation);
        const rotated = codec(to, {
          secret: 'the-new-secret-after-rotation-0123456789',
          previous: [TEST_SECRET],
        });
        expect(await rotated.open('quickchat', token)).toEqual(conversation);
      }
    }
  });

  it('refuses, like Web Crypto, a signature of another secret, a changed one, or one of another length', async () => {
    const token = await codec(webCrypto).mint('quickchat', { key: 'conv-123', sticky: [] });
    const [version, payload, signature = ''] = token.split('.');
    const foreign = await codec(webCrypto, {
      secret: 'another-secret-of-enough-length-0123456789',
    }).mint('quickchat', { key: 'conv-123', sticky: [] });
    const flipped = signature.slice(0, 5) + (signature[5] === 'A' ? 'B' : 'A') + signature.slice(6);
    for (const forged of [
      foreign,
      `${version}.${payload}.${flipped}`,
      `${version}.${payload}.${signature.slice(0, 22)}`,
      `${version}.${payload}.${signature}${signature}`,
    ]) {
      expect(await codec(nodeCrypto).open('quickchat', forged)).toBeUndefined();
      expect(await codec(webCrypto).open('quickchat', forged)).toBeUndefined();
    }
  });
});

describe('the Node adapter', () => {
  let harness: Harness;
  let server: Listening | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await harness.close();
  });

  it('switches its handler to node:crypto, and its tokens open in a Fetch handler of the same secret', async () => {
    harness = await startHarness();
    expect(internalsOf(harness.handler)?.crypto.current).toBe(webCrypto);
    server = await listen(toNodeListener(harness.handler), { port: 0 });
    expect(internalsOf(harness.handler)?.crypto.current).toBe(nodeCrypto);

    const first = await fetch(`${server.url}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Hi' }),
    });
    const { conversation } = (await first.json()) as { conversation: string };
    // Never mounted on Node, so it opens the token with Web Crypto.
    const other = createChatletProxy({
      provider: quickchatAt(harness.upstream.url),
      secret: TEST_SECRET,
      log: () => undefined,
    });
    const second = await send(other, { text: 'Again', conversation });
    expect(second.body['conversation_reset']).toBe(false);
    expect(harness.upstream.requests[1]?.body['conv_id']).toBe('conv1');
  });
});
