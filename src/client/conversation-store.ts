/**
 * Persists one conversation (token, messages, whether `kb_topic` was sent) per proxy endpoint, so
 * it survives a reload and queued or failed messages are not lost ("Nothing lost, nothing
 * doubled"). Reading tolerates anything; writing degrades rather than throws.
 */
import { capHistory, reviveHistory, type ChatMessage } from '../core/messages.ts';
import type { SafeStorage } from './storage.ts';

/** What the store keeps for one conversation. */
export interface StoredConversation {
  /** The proxy's signed conversation token; `undefined` before the first reply. */
  token: string | undefined;
  /** The history, oldest first, at most `historyLimit` long. */
  messages: ChatMessage[];
  /** A message of this conversation already carried `kb_topic`, so every later one must too. */
  kbTopicSent?: boolean;
}

/** Loads, saves and clears the stored conversation of one endpoint. */
export interface ConversationStore {
  /** The stored conversation, or an empty one when nothing usable is stored. Never throws. */
  load(): StoredConversation;
  /** Stores `state`, dropping the oldest delivered messages when the quota is full. Never throws. */
  save(state: StoredConversation): void;
  /** Forgets the conversation, for "New conversation" and `reset()`. */
  clear(): void;
  /** The storage key, `chatlet:v1:` + the absolute endpoint URL; tab sync listens for it. */
  readonly key: string;
}

/** Options of {@link createConversationStore}. */
export interface ConversationStoreOptions {
  /** Most messages kept (default 100, resolved by the caller). */
  historyLimit: number;
  /** Base for a relative endpoint; defaults to `location.href` when there is a `location`. */
  baseUrl?: string;
}

/** The layout version in the key, so a future layout never misreads this one. */
const PREFIX = 'chatlet:v1:';

/** The endpoint as an absolute URL, so `/chat` on two sites or two paths never share a key. */
function absoluteEndpoint(endpoint: string, baseUrl: string | undefined): string {
  const base = baseUrl ?? (typeof location === 'undefined' ? undefined : location.href);
  try {
    return new URL(endpoint, base).href;
  } catch {
    return endpoint;
  }
}

/** Delivered messages go first, so a visitor's unsent words outlive the replies around them. */
function isPending(message: ChatMessage): boolean {
  return message.state === 'queued' || message.state === 'failed' || message.state === 'sending';
}

/**
 * Drops the `count` oldest delivered messages, keeping the order. Pending ones are never dropped:
 * the delivery loop re-reads the store before each message, so a queued message missing from a
 * trimmed record would vanish from the panel and never be sent (found by e2e/hostile-pages.spec.ts).
 */
function dropOldest(messages: readonly ChatMessage[], count: number): ChatMessage[] {
  const dropped = new Set(messages.filter((message) => !isPending(message)).slice(0, count));
  return messages.filter((message) => !dropped.has(message));
}

/** Creates the store of `endpoint`'s conversation in `storage`. */
export function createConversationStore(
  storage: SafeStorage,
  endpoint: string,
  options: ConversationStoreOptions,
): ConversationStore {
  const key = PREFIX + absoluteEndpoint(endpoint, options.baseUrl);
  const limit = options.historyLimit;

  const write = (state: StoredConversation, messages: ChatMessage[]): boolean => {
    const record: Record<string, unknown> = { messages };
    if (state.token !== undefined) record['token'] = state.token;
    if (state.kbTopicSent === true) record['kbTopicSent'] = true;
    try {
      return storage.set(key, JSON.stringify(record));
    } catch {
      return false;
    }
  };

  return {
    key,
    load() {
      const empty: StoredConversation = { token: undefined, messages: [] };
      const raw = storage.get(key);
      if (raw === null) return empty;
      let data: unknown;
      try {
        data = JSON.parse(raw);
      } catch {
        return empty;
      }
      if (typeof data !== 'object' || data === null || Array.isArray(data)) return empty;
      const { token, messages, kbTopicSent } = data as Record<string, unknown>;
      if (token !== undefined && typeof token !== 'string') return empty;
      const state: StoredConversation = {
        token,
        messages: capHistory(reviveHistory(messages), limit),
      };
      if (kbTopicSent === true) state.kbTopicSent = true;
      return state;
    },
    save(state) {
      const full = capHistory(state.messages, limit);
      if (write(state, full)) return;
      // Over quota: halve the history until it fits; the token alone still keeps the thread going.
      let kept = full.length;
      while (kept > 0) {
        kept = Math.floor(kept / 2);
        if (write(state, dropOldest(full, full.length - kept))) return;
      }
      // Not even the unsent messages fit: keep the whole history in memory, so this page loses
      // nothing (a reload then finds the last record that fit).
      write(state, full);
    },
    clear() {
      storage.remove(key);
    },
  };
}
