/** base64url without padding (RFC 4648 §5), short and safe in JSON and URLs. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Each 12-bit group as its two characters: a token is encoded on every message. */
const PAIRS = Array.from(
  { length: 4096 },
  (_, group) => (ALPHABET[group >> 6] ?? '') + (ALPHABET[group & 63] ?? ''),
);

/** The base64url text of `bytes`, without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  const whole = bytes.length - (bytes.length % 3);
  for (let index = 0; index < whole; index += 3) {
    const triple =
      ((bytes[index] ?? 0) << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
    text += (PAIRS[triple >> 12] ?? '') + (PAIRS[triple & 4095] ?? '');
  }
  const rest = bytes.length - whole;
  if (rest === 1) {
    const byte = bytes[whole] ?? 0;
    text += (ALPHABET[byte >> 2] ?? '') + (ALPHABET[(byte & 3) << 4] ?? '');
  } else if (rest === 2) {
    const pair = ((bytes[whole] ?? 0) << 8) | (bytes[whole + 1] ?? 0);
    text +=
      (ALPHABET[pair >> 10] ?? '') +
      (ALPHABET[(pair >> 4) & 63] ?? '') +
      (ALPHABET[(pair & 15) << 2] ?? '');
  }
  return text;
}

/** The bytes of canonical base64url `text`, or `undefined` when it is not that. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
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
