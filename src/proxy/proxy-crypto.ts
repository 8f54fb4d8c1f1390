/**
 * The hashing and signing the proxy does on every message: HMAC-SHA256 for conversation tokens,
 * SHA-256 for message fingerprints and long upstream keys. Web Crypto by default, so the same code
 * runs on Workers, Deno and Bun; the Node adapter switches a handler to `node:crypto`
 * (src/proxy/node/node-crypto.ts), whose synchronous calls cost a few µs where Web Crypto's
 * promise and thread-pool round trip cost ~80 µs of CPU per call on Node 20.
 */

/** A value, or a promise of it: Web Crypto answers later, `node:crypto` at once. */
export type Awaitable<T> = T | Promise<T>;

/** HMAC-SHA256 under one secret. */
export interface HmacKey {
  /** The 32-byte HMAC of `text`'s UTF-8 bytes. */
  sign(text: string): Awaitable<Uint8Array>;
  /** Whether `signature` is the HMAC of `text`, compared in constant time. */
  verify(text: string, signature: Uint8Array): Awaitable<boolean>;
  /**
   * The same HMAC as unpadded base64url text, where the runtime encodes it natively (Node), so a
   * token is signed without a byte array and a JavaScript encoding loop.
   */
  signBase64Url?(text: string): string;
}

/** What the proxy needs of a crypto library. */
export interface ProxyCrypto {
  /** A keyed HMAC-SHA256 over the UTF-8 bytes of `secret`. */
  hmacKey(secret: string): HmacKey;
  /** The 32-byte SHA-256 of `text`'s UTF-8 bytes. */
  sha256(text: string): Awaitable<Uint8Array>;
  /** The same SHA-256 as 64 lower-case hex digits. */
  sha256Hex(text: string): Awaitable<string>;
  /** The unpadded base64url of `text`'s UTF-8 bytes, where the runtime encodes natively (Node). */
  base64UrlOf?(text: string): string;
}

/**
 * Which {@link ProxyCrypto} a handler uses. A runtime adapter may switch it before serving; both
 * give the same bytes for the same input, so a token minted by one opens with the other.
 */
export interface CryptoChoice {
  current: ProxyCrypto;
}

const encoder = new TextEncoder();

/** {@link ProxyCrypto} over Web Crypto (`crypto.subtle`), available on every supported runtime. */
export const webCrypto: ProxyCrypto = {
  hmacKey(secret) {
    // Imported once and reused; a rejected import surfaces on the first use, as a 500.
    const key = crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    return {
      async sign(text) {
        return new Uint8Array(await crypto.subtle.sign('HMAC', await key, encoder.encode(text)));
      },
      async verify(text, signature) {
        // `verify` compares in constant time; comparing two HMAC strings ourselves would not.
        const bytes = new Uint8Array(signature);
        return crypto.subtle.verify('HMAC', await key, bytes, encoder.encode(text));
      },
    };
  },
  sha256: webSha256,
  async sha256Hex(text) {
    return toHex(await webSha256(text));
  },
};

async function webSha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Lower-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += HEX[byte];
  return text;
}
