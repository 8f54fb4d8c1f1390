/**
 * Conversation tokens: the proxy's signed wrapper around an upstream conversation key, so a browser
 * can carry its conversation but never pick another visitor's. HMAC-SHA256 through a
 * {@link ProxyCrypto}: Web Crypto on every runtime, `node:crypto` when the Node adapter chose it.
 */
import { LIMITS } from '../core/protocol.ts';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import {
  webCrypto,
  type Awaitable,
  type CryptoChoice,
  type HmacKey,
  type ProxyCrypto,
} from './proxy-crypto.ts';
import type { KeyValueStore } from './state/types.ts';

/** What a conversation token carries besides its signature. */
export interface Conversation {
  /** The upstream conversation key (Quickchat `conv_id`, Famulor `customer_identifier`). */
  key: string;
  /**
   * The `client_metadata` keys this conversation has carried that the provider wants on every later
   * call (Quickchat's `kb_topic`); signed, so no client can drop them.
   */
  sticky: readonly string[];
}

/** Mints and opens conversation tokens with one secret. */
export interface ConversationTokens {
  /**
   * Wraps `conversation` of `provider` into a signed token no longer than the proxy accepts: a
   * string at once when the crypto signs synchronously (`node:crypto`) and the key fits.
   */
  mint(provider: string, conversation: Conversation): Awaitable<string>;
  /**
   * The conversation inside `token`, or `undefined` when the token is malformed, forged, tampered
   * with, expired, was minted for another provider, or names a long key the store no longer has.
   */
  open(provider: string, token: string): Promise<Conversation | undefined>;
}

/** Options of {@link createConversationTokens}. */
export interface ConversationTokenOptions {
  /** The clock, in ms since the epoch. */
  now: () => number;
  /** How long a conversation can be resumed. */
  maxAgeMs: number;
  /** Secrets whose tokens still open. */
  previousSecrets?: readonly string[];
  /**
   * Holds upstream keys too long to fit in a token, under a hash the token carries instead.
   * Without it such a key makes the next message start a new conversation.
   */
  store?: KeyValueStore;
  /** Which crypto signs and hashes; read on every call, so an adapter may switch it. @default Web Crypto */
  crypto?: CryptoChoice;
}

/** Prefix and version of the token format, so a later format can be told apart. */
const VERSION = 'c1';
const encoder = new TextEncoder();
/** `fatal`: a payload that is not UTF-8 is refused, not repaired. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** Where a key too long for its token is kept, by the hash the token carries. */
const STORE_PREFIX = 'conversation-key:';

/**
 * Creates the token codec. Tokens are minted with `secret` and opened with it or any of
 * `previousSecrets`, so rotating the secret does not reset every open conversation at once.
 *
 * A token never exceeds `LIMITS.conversationChars`, whatever the upstream's key length: an upstream
 * `conv_id` of 600 characters used to give a token the proxy itself then refused, and the visitor
 * was stuck until they reset. A key that would not fit is kept in the store for the token's
 * lifetime and the token carries its SHA-256 instead (`r` rather than `k`).
 */
export function createConversationTokens(
  secret: string,
  options: ConversationTokenOptions,
): ConversationTokens {
  const choice = options.crypto ?? { current: webCrypto };
  // The keys of the crypto in use, made once per crypto: current first, then the previous ones.
  let made: { crypto: ProxyCrypto; keys: readonly HmacKey[] } | undefined;
  const keys = (): readonly HmacKey[] => {
    if (made?.crypto !== choice.current) {
      const crypto = choice.current;
      const secrets = [secret, ...(options.previousSecrets ?? [])];
      made = { crypto, keys: secrets.map((each) => crypto.hmacKey(each)) };
    }
    return made.keys;
  };

  /** The signed token of `claims`; a string at once when the crypto signs synchronously. */
  function sign(claims: Claims): Awaitable<string> {
    const [current] = keys() as [HmacKey];
    const crypto = choice.current;
    const json = JSON.stringify(claims);
    // The runtime's own encoders where it has them (node-crypto.ts); the same text either way.
    const payload = crypto.base64UrlOf?.(json) ?? toBase64Url(encoder.encode(json));
    const signed = `${VERSION}.${payload}`;
    const native = current.signBase64Url?.(signed);
    if (native !== undefined) return `${signed}.${native}`;
    return Promise.resolve(current.sign(signed)).then((bytes) => `${signed}.${toBase64Url(bytes)}`);
  }

  /** Whether a token can go out as it is: short enough, or nowhere to keep a long key anyway. */
  const fits = (token: string): boolean =>
    token.length <= LIMITS.conversationChars || options.store === undefined;

  /** {@link ConversationTokens.mint} once it needs to wait: for the signature, or to store a long key. */
  async function mintLater(
    provider: string,
    { key, sticky }: Conversation,
    t: number,
    token: Awaitable<string>,
  ): Promise<string> {
    const whole = await token;
    if (fits(whole) || options.store === undefined) return whole;
    const r = toBase64Url(await choice.current.sha256(`${provider}:${key}`));
    await options.store.set(`${STORE_PREFIX}${r}`, key, options.maxAgeMs);
    const stored: Claims = { p: provider, r, t };
    if (sticky.length > 0) stored.m = [...sticky];
    return sign(stored);
  }

  return {
    mint(provider, conversation) {
      const t = Math.floor(options.now() / 1000);
      // Built field by field in the order p, k|r, t, m: the JSON the signature covers.
      const claims: Claims = { p: provider, k: conversation.key, t };
      if (conversation.sticky.length > 0) claims.m = [...conversation.sticky];
      const whole = sign(claims);
      // Nearly every token: signed by node:crypto and short, so no promise is made.
      if (typeof whole === 'string' && fits(whole)) return whole;
      return mintLater(provider, conversation, t, whole);
    },

    async open(provider, token) {
      const parts = token.split('.');
      if (parts.length !== 3 || parts[0] !== VERSION) return undefined;
      const [, payload = '', signature = ''] = parts;
      const signatureBytes = fromBase64Url(signature);
      const payloadBytes = fromBase64Url(payload);
      if (signatureBytes === undefined || payloadBytes === undefined) return undefined;
      const signed = `${VERSION}.${payload}`;
      let valid = false;
      for (const key of keys()) {
        if (await key.verify(signed, signatureBytes)) {
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
      const key =
        claims.k ??
        (claims.r === undefined
          ? undefined
          : await options.store?.get(`${STORE_PREFIX}${claims.r}`));
      return key === undefined || key === '' ? undefined : { key, sticky: claims.m ?? [] };
    },
  };
}

/** The signed claims: provider, key (or the hash of a stored one), issue time, sticky keys. */
interface Claims {
  p: string;
  k?: string;
  r?: string;
  t: number;
  m?: string[];
}

function parseClaims(bytes: Uint8Array): Claims | undefined {
  try {
    const value = JSON.parse(UTF8.decode(bytes)) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { p, k, r, t, m } = value as Record<string, unknown>;
    if (typeof p !== 'string' || typeof t !== 'number' || !Number.isInteger(t)) return undefined;
    const claims: Claims = { p, t };
    if (typeof k === 'string' && k !== '') claims.k = k;
    else if (typeof r === 'string' && r !== '') claims.r = r;
    else return undefined;
    if (Array.isArray(m) && m.every((item) => typeof item === 'string')) claims.m = m;
    return claims;
  } catch {
    return undefined;
  }
}
