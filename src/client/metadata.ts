import { LIMITS, type ClientMetadata } from '../core/protocol.ts';

/** What {@link composeMetadata} builds `client_metadata` from, read fresh at every send. */
export interface MetadataSources {
  /** The current knowledge-base topic, if any. */
  kbTopic: string | undefined;
  /** Page fields and the site's own metadata, in priority order. */
  extra: ClientMetadata;
}

/** The composed `client_metadata` (absent when empty) and the keys that did not fit. */
export interface ComposedMetadata {
  metadata: ClientMetadata | undefined;
  dropped: string[];
}

/**
 * Builds `client_metadata`: `kb_topic` first, then the other keys until the limit of five. Just
 * what the page says: keeping `kb_topic` on every later call of a conversation that carried it is
 * the proxy's job (`src/proxy/sticky-metadata.ts`), so no client can break Quickchat's rule.
 */
export function composeMetadata(sources: MetadataSources): ComposedMetadata {
  const metadata: ClientMetadata = {};
  const dropped: string[] = [];
  if (sources.kbTopic !== undefined) metadata['kb_topic'] = sources.kbTopic;
  for (const [key, value] of Object.entries(sources.extra)) {
    if (key === 'kb_topic' || Object.hasOwn(metadata, key)) continue;
    if (Object.keys(metadata).length >= LIMITS.metadataKeys) dropped.push(key);
    else metadata[key] = value;
  }
  return { metadata: Object.keys(metadata).length > 0 ? metadata : undefined, dropped };
}
