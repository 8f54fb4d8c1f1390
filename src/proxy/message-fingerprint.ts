import type { ProxyCrypto } from './proxy-crypto.ts';

/**
 * A digest of what makes two sends "the same message" (text and context), stored with the
 * idempotency claim and answer, so an id reused for another message is told apart without keeping
 * the visitor's text.
 */
export async function fingerprintOf(
  crypto: ProxyCrypto,
  text: string,
  messageContext: string | undefined,
): Promise<string> {
  return crypto.sha256Hex(JSON.stringify([text, messageContext ?? null]));
}
