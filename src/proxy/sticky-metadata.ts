import { LIMITS, type ClientMetadata } from '../core/protocol.ts';

/**
 * Applies a provider's rule that some `client_metadata` keys, once sent in a conversation, go with
 * every later call of it. Quickchat's `kb_topic` is one: a conversation that began with it and then
 * lacks it is answered outside the topic. The keys carried so far come from the signed
 * conversation token, so the rule holds whatever the client sends; a missing one is sent empty.
 * Sticky keys come first and the limit of keys still holds: other keys beyond it are dropped.
 * Returns the metadata to send and the sticky keys it holds (for the next token).
 */
export function withStickyKeys(
  metadata: ClientMetadata | undefined,
  carried: readonly string[],
  stickyKeys: readonly string[],
): { metadata: ClientMetadata | undefined; sticky: string[] } {
  // Most messages: no metadata and nothing carried, so nothing to copy or look up.
  if (stickyKeys.length === 0 || (metadata === undefined && carried.length === 0)) {
    return { metadata, sticky: [] };
  }
  const sent = metadata ?? {};
  const result: ClientMetadata = {};
  const sticky: string[] = [];
  for (const key of stickyKeys) {
    if (Object.hasOwn(sent, key)) result[key] = sent[key] ?? '';
    else if (carried.includes(key)) result[key] = '';
    else continue;
    sticky.push(key);
  }
  for (const [key, value] of Object.entries(sent)) {
    if (Object.keys(result).length >= LIMITS.metadataKeys) break;
    if (!Object.hasOwn(result, key)) result[key] = value;
  }
  return { metadata: Object.keys(result).length === 0 ? metadata : result, sticky };
}
