import type { ResolvedOptions } from '../core/options.ts';
import type { ClientMetadata } from '../core/protocol.ts';
import type { SendContext } from '../ui/chat-model.ts';
import { checkContextLength } from '../shell/limits.ts';
import { checkedMetadata as checked } from './metadata-check.ts';
import { pageKbTopic, readPageFields } from './page-context.ts';

/** What each request carries from the page and the API, and the setters of the API. */
export interface SendContextSource {
  /** Reads the context for the next request; called at every send. */
  read(): SendContext;
  setKbTopic(topic: string | undefined): void;
  setMessageContext(context: string | undefined): void;
  setMetadata(metadata: ClientMetadata): void;
  /** Logs a warning once per distinct text, so a repeated cause does not flood the console. */
  warnOnce(message: string): void;
}

/**
 * Combines the options with the page and the API. Precedence of `kb_topic`: `setKbTopic()`, then
 * the page's meta tag or element, then `data-kb-topic`. Metadata order (kept first when the five
 * keys run out): page fields, then the site's own metadata.
 */
export function createSendContext(options: ResolvedOptions): SendContextSource {
  let runtimeTopic: string | undefined;
  let messageContext = options.messageContext;
  let metadata = checked(options.metadata);
  const warned = new Set<string>();

  return {
    read: () => ({
      kbTopic: runtimeTopic ?? pageKbTopic() ?? options.kbTopic,
      metadata: { ...readPageFields(options.pageFields), ...metadata },
      messageContext,
    }),
    setKbTopic(topic) {
      runtimeTopic = topic?.trim() || undefined;
    },
    setMessageContext(context) {
      checkContextLength(context);
      messageContext = context || undefined;
    },
    setMetadata(next) {
      metadata = checked(next);
    },
    warnOnce(message) {
      if (warned.has(message)) return;
      warned.add(message);
      console.warn(message);
    },
  };
}
