import { ChatletError } from '../core/errors.ts';
import type { ClientMetadata } from '../core/protocol.ts';
import { checkMetadata } from '../core/metadata.ts';

/**
 * The site's `metadata` (option or setMetadata()), each key checked on its own: a key or value the
 * proxy would refuse throws a `config` error naming it. The five-key cap is applied later, with a
 * warning, not here. Apart from the send context so the npm entry's launcher stage can refuse bad
 * metadata at once without the page-reading code, which only the panel needs.
 */
export function checkedMetadata(metadata: ClientMetadata): ClientMetadata {
  const result: ClientMetadata = {};
  for (const [key, value] of Object.entries(metadata)) {
    const check = checkMetadata({ [key]: value });
    if (!check.ok) {
      throw new ChatletError('config', `Invalid metadata: ${check.message}`, {
        field: check.field,
      });
    }
    result[key] = value;
  }
  return result;
}
