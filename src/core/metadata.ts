import { LIMITS, METADATA_KEY, type ClientMetadata } from './protocol.ts';

/*
 * The check of `client_metadata`, apart from the other protocol checks (validate.ts, which
 * re-exports it): the npm entry's launcher stage refuses bad metadata at once with it, and a
 * site's bundler can then leave the request, reply and error-body checks to the panel's chunk.
 */

/** The outcome of checking untrusted input: the typed value, or the field at fault and why. */
export type Checked<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

/** A failed check of `field`, saying why. */
export const fail = (
  field: string,
  message: string,
): { ok: false; field: string; message: string } => ({
  ok: false,
  field,
  message,
});

/** A plain JSON object (not null, not an array). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks `client_metadata`: at most five short identifier keys with short scalar values. */
export function checkMetadata(value: unknown): Checked<ClientMetadata> {
  if (!isRecord(value)) return fail('client_metadata', 'client_metadata must be a JSON object.');
  const keys = Object.keys(value);
  if (keys.length > LIMITS.metadataKeys) {
    return fail(
      'client_metadata',
      `client_metadata has ${keys.length} keys; at most ${LIMITS.metadataKeys} are allowed.`,
    );
  }
  const metadata: ClientMetadata = {};
  for (const key of keys) {
    const field = `client_metadata.${key.slice(0, LIMITS.metadataKeyChars)}`;
    if (key.length > LIMITS.metadataKeyChars || !METADATA_KEY.test(key)) {
      return fail(
        field,
        `client_metadata keys must be letters, digits, "_" or "-", at most ${LIMITS.metadataKeyChars} characters.`,
      );
    }
    const item = value[key];
    if (typeof item === 'string') {
      if (item.length > LIMITS.metadataValueChars) {
        return fail(field, `${field} is longer than ${LIMITS.metadataValueChars} characters.`);
      }
    } else if (typeof item === 'number') {
      if (!Number.isFinite(item)) return fail(field, `${field} must be a finite number.`);
    } else if (typeof item !== 'boolean') {
      return fail(field, `${field} must be a string, a number or a boolean.`);
    }
    metadata[key] = item;
  }
  return { ok: true, value: metadata };
}
