/**
 * A digest of what makes two sends "the same message" (text and context), stored with the
 * idempotency claim and answer, so an id reused for another message is told apart without keeping
 * the visitor's text.
 */
export async function fingerprintOf(text: string, messageContext: string | undefined) {
  const bytes = new TextEncoder().encode(JSON.stringify([text, messageContext ?? null]));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
