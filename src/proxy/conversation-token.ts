/**
 * Conversation tokens: the proxy's signed wrapper around an upstream conversation key, so a browser
 * can carry its conversation but never pick another visitor's. HMAC-SHA256 through Web
 * Crypto, so the same code runs on Node and on Workers.
 */

/** Mints and opens conversation tokens with one secret. */
export interface ConversationTokens {
  /** Wraps `key` of `provider` into a signed token. */
  mint(provider: string, key: string): Promise<string>;
  /**
   * The key inside `token`, or `undefined` when the token is malformed, forged, tampered with,
   * expired or was minted for another provider.
   */
  open(provider: string, token: string): Promise<string | undefined>;
}

/** Prefix and version of the token format, so a later format can be told apart. */
const VERSION = 'c1';
const encoder = new TextEncoder();

/**
 * Creates the token codec. Tokens are minted with `secret` and opened with it or any of
 * `previousSecrets`, so rotating the secret does not reset every open conversation at once.
 * `maxAgeMs` bounds how long a conversation can be resumed.
 */
export function createConversationTokens(
  secret: string,
  options: { now: () => number; maxAgeMs: number; previousSecrets?: readonly string[] },
): ConversationTokens {
  // Imported once and reused; a rejected import surfaces on the first use, as a 500.
  const current = importKey(secret);
  const previous = (options.previousSecrets ?? []).map(importKey);

  return {
    async mint(provider, conversationKey) {
      const payload = toBase64Url(
        encoder.encode(
          JSON.stringify({ p: provider, k: conversationKey, t: Math.floor(options.now() / 1000) }),
        ),
      );
      const signed = `${VERSION}.${payload}`;
      const signature = await crypto.subtle.sign('HMAC', await current, encoder.encode(signed));
      return `${signed}.${toBase64Url(new Uint8Array(signature))}`;
    },

    async open(provider, token) {
      const parts = token.split('.');
      if (parts.length !== 3 || parts[0] !== VERSION) return undefined;
      const [, payload = '', signature = ''] = parts;
      const signatureBytes = fromBase64Url(signature);
      const payloadBytes = fromBase64Url(payload);
      if (signatureBytes === undefined || payloadBytes === undefined) return undefined;
      const signed = encoder.encode(`${VERSION}.${payload}`);
      let valid = false;
      for (const key of [current, ...previous]) {
        // `verify` compares in constant time; comparing two HMAC strings ourselves would not.
        if (await crypto.subtle.verify('HMAC', await key, signatureBytes, signed)) {
          valid = true;
          break;
        }
      }
      if (!valid) return undefined;
      const claims = parseClaims(payloadBytes);
      if (claims === undefined || claims.p !== provider) return undefined;
      const ageMs = options.now() - claims.t * 1000;
      // A token from the future means a clock jump or a forgery; a minute of skew is tolerated.
      if (ageMs > options.maxAgeMs || ageMs < -60_000) return undefined;
      return claims.k;
    },
  };
}

function importKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
}

function parseClaims(bytes: Uint8Array): { p: string; k: string; t: number } | undefined {
  try {
    const value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { p, k, t } = value as Record<string, unknown>;
    if (typeof p !== 'string' || typeof k !== 'string' || k === '') return undefined;
    if (typeof t !== 'number' || !Number.isInteger(t)) return undefined;
    return { p, k, t };
  } catch {
    return undefined;
  }
}

/** base64url without padding (RFC 4648 §5), short and safe in JSON and URLs. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    const bytes = new Uint8Array(binary.length);
    for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
    // Only the canonical spelling counts, so every accepted token has exactly one form.
    return toBase64Url(bytes) === text ? bytes : undefined;
  } catch {
    return undefined;
  }
}
