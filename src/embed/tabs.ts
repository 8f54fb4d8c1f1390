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
  /**
   * Calls `reload` whenever another tab changed the conversation (`reset`: cleared it); returns
   * the unsubscribe.
   */
  onChange(reload: (reset: boolean) => void): () => void;
  /** Closes the channel. */
  close(): void;
}

/** How long to wait before trying the send loop again when another tab held it. */
const RETRY_MS = 2_000;

/** A tab whose conversation no other tab can read: nothing to tell, nobody to wait for. */
const ALONE: TabLink = {
  exclusive: async (job) => {
    await job(new AbortController().signal);
    return true;
  },
  later: () => () => {},
  announce: () => {},
  onChange: () => () => {},
  close: () => {},
};

/**
 * Links the tabs that show the conversation of `store`: a change in one is reloaded by the others
 * (BroadcastChannel, or the `storage` event of the conversation key), and queued messages are sent
 * by whichever tab holds the outbox lock, so once. Only `localStorage` is shared between tabs: in
 * `sessionStorage` or memory each tab has a conversation of its own, which another tab's news
 * (a reset above all) or lock must not touch.
 */
export function linkTabs(store: ConversationStore, storage: SafeStorage): TabLink {
  if (storage.kind !== 'local') return ALONE;
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
    onChange: (reload) => sync.subscribe((message) => reload(message.type === 'reset')),
    close: () => sync.close(),
  };
}
