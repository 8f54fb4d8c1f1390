import { createHmac, createSecretKey, hash, timingSafeEqual } from 'node:crypto';
import type { ProxyCrypto } from '../proxy-crypto.ts';

/**
 * {@link ProxyCrypto} over `node:crypto`: synchronous, a few µs per call, where Web Crypto on Node
 * 20 spends ~80 µs of CPU on its promise and thread-pool hop. The same bytes as `webCrypto`
 * (src/proxy/proxy-crypto.ts) for the same input, so tokens open across the two.
 */
export const nodeCrypto: ProxyCrypto = {
  hmacKey(secret) {
    const key = createSecretKey(Buffer.from(secret, 'utf8'));
    const sign = (text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();
    return {
      sign,
      // Encoded by the digest itself: no Buffer, no loop (conversation tokens, every message).
      signBase64Url: (text) => createHmac('sha256', key).update(text, 'utf8').digest('base64url'),
      verify(text, signature) {
        const expected = sign(text);
        // The length of an HMAC-SHA256 is public; only equal lengths can be compared in constant time.
        return signature.byteLength === expected.byteLength && timingSafeEqual(signature, expected);
      },
    };
  },
  // The one-shot `hash` skips the Hash object that `createHash` builds per call.
  sha256: (text) => hash('sha256', text, 'buffer'),
  sha256Hex: (text) => hash('sha256', text, 'hex'),
  // Node's base64url has no padding, as the tokens' spelling (src/proxy/base64url.ts).
  base64UrlOf: (text) => Buffer.from(text, 'utf8').toString('base64url'),
};
