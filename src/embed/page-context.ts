import type { PageField } from '../core/options.ts';
import { LIMITS, type ClientMetadata } from '../core/protocol.ts';

/**
 * The page's own `kb_topic`, read at every send so an SPA route change applies without a remount:
 * `<meta name="chatlet:kb-topic" content="…">`, else the first element with
 * `data-chatlet-kb-topic="…"`. Empty values count as absent.
 */
export function pageKbTopic(doc: Document = document): string | undefined {
  const meta = doc.querySelector<HTMLMetaElement>('meta[name="chatlet:kb-topic"]');
  const fromMeta = meta?.content.trim();
  if (fromMeta) return fromMeta;
  const element = doc.querySelector('[data-chatlet-kb-topic]');
  return element?.getAttribute('data-chatlet-kb-topic')?.trim() || undefined;
}

const clip = (value: string): string => value.slice(0, LIMITS.metadataValueChars);

/**
 * The page facts the site owner asked for. The path and referrer lose their query and fragment:
 * those often hold tokens or personal data that should not travel to a chat vendor.
 */
export function readPageFields(
  fields: readonly PageField[],
  doc: Document = document,
): ClientMetadata {
  const metadata: ClientMetadata = {};
  for (const field of fields) {
    const value = readField(field, doc);
    if (value) metadata[`page_${field}`] = clip(value);
  }
  return metadata;
}

function readField(field: PageField, doc: Document): string {
  switch (field) {
    case 'path':
      return doc.location?.pathname ?? '';
    case 'title':
      return doc.title.trim();
    case 'lang':
      return doc.documentElement.lang.trim();
    case 'referrer':
      return withoutQuery(doc.referrer);
  }
}

function withoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.origin + parsed.pathname;
  } catch {
    return '';
  }
}
