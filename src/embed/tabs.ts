import type { ConversationStore } from '../client/conversation-store.ts';
import { runExclusive } from '../client/outbox-lock.ts';
import type { SafeStorage } from '../client/storage.ts';
import { createTabSync, type TabSync } from '../client/tab-sync.ts';
import type { ChatModelDeps } from '../ui/chat-model.ts';

/** How one widget cooperates with the same site's widget in other tabs. */
export interface TabLink {
  /** Runs the send loop in one tab at a time (the model's `exclusive`). */
  exclusive: NonNullable<ChatModelDeps['exclusive']>;
  /** Retries a send loop another tab held, a little later (the model's `later`). */
  later: NonNullable<ChatModelDeps['later']>;
  /** Tells the other tabs that the stored conversation changed or was reset. */
  announce(reset: boolean): void;
  /** Calls `reload` whenever another tab changed the conversation; returns the unsubscribe. */
  onChange(reload: () => void): () => void;
  /** Closes the channel. */
  close(): void;
}

/** How long to wait before trying the send loop again when another tab held it. */
const RETRY_MS = 2_000;

/**
 * Links the tabs that show the conversation of `store`: a change in one is reloaded by the others
 * (BroadcastChannel, or the `storage` event of the conversation key), and queued messages are sent
 * by whichever tab holds the outbox lock, so once.
 */
export function linkTabs(store: ConversationStore, storage: SafeStorage): TabLink {
  const sync: TabSync = createTabSync(store.key, { storage, watchKey: store.key });
  return {
    async exclusive(job) {
      let ran = false;
      await runExclusive(
        `chatlet-outbox:${store.key}`,
        async (signal) => {
          ran = true;
          await job(signal);
        },
        { storage },
      );
      return ran;
    },
    later(fn) {
      const timer = setTimeout(fn, RETRY_MS);
      return () => clearTimeout(timer);
    },
    announce: (reset) => sync.post({ type: reset ? 'reset' : 'changed' }),
    onChange: (reload) => sync.subscribe(reload),
    close: () => sync.close(),
  };
}
