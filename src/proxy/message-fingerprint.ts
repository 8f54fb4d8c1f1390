import type { Awaitable, ProxyCrypto } from './proxy-crypto.ts';

/**
 * A digest of what makes two sends "the same message" (text and context), stored with the
 * idempotency claim and answer, so an id reused for another message is told apart without keeping
 * the visitor's text. A string at once when the crypto hashes synchronously (`node:crypto`), so the
 * chat route need not wait a turn for it.
 */
export function fingerprintOf(
  crypto: ProxyCrypto,
  text: string,
  messageContext: string | undefined,
): Awaitable<string> {
  return crypto.sha256Hex(JSON.stringify([text, messageContext ?? null]));
}
