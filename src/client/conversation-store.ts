/**
 * Persists one conversation (token and messages) per proxy endpoint, so
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
}

/** Loads, saves and clears the stored conversation of one endpoint. */
export interface ConversationStore {
  /** The stored conversation, or an empty one when nothing usable is stored. Never throws. */
  load(): StoredConversation;
  /**
   * Stores `state`; when the quota is full, a copy without the oldest delivered messages (the
   * caller's list, what the panel shows, is never touched). Never throws.
   */
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
  /** Told, once per distinct text, when storage keeps less than the whole conversation. */
  warn?: (message: string) => void;
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
 * Drops the `count` oldest delivered messages, keeping the order, and then any reply left at the
 * head without its question, so a reload never opens on an orphaned answer. Pending ones are never
 * dropped: the delivery loop sends what the store holds, so a queued message missing from a
 * trimmed record would never be sent from another tab or after a reload.
 */
function dropOldest(messages: readonly ChatMessage[], count: number): ChatMessage[] {
  const dropped = new Set(messages.filter((message) => !isPending(message)).slice(0, count));
  const kept = messages.filter((message) => !dropped.has(message));
  const question = kept.findIndex((message) => message.role === 'user');
  return question > 0 ? kept.slice(question) : question < 0 ? [] : kept;
}

/** Creates the store of `endpoint`'s conversation in `storage`. */
export function createConversationStore(
  storage: SafeStorage,
  endpoint: string,
  options: ConversationStoreOptions,
): ConversationStore {
  const key = PREFIX + absoluteEndpoint(endpoint, options.baseUrl);
  const limit = options.historyLimit;
  const warned = new Set<string>();
  const warn = (message: string): void => {
    if (warned.has(message)) return;
    warned.add(message);
    (options.warn ?? console.warn)(message);
  };

  const write = (state: StoredConversation, messages: ChatMessage[]): boolean => {
    const record: Record<string, unknown> = { messages };
    if (state.token !== undefined) record['token'] = state.token;
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
      const { token, messages } = data as Record<string, unknown>;
      if (token !== undefined && typeof token !== 'string') return empty;
      const state: StoredConversation = {
        token,
        messages: capHistory(reviveHistory(messages), limit),
      };
      return state;
    },
    save(state) {
      const full = capHistory(state.messages, limit);
      if (write(state, full)) return;
      // Over quota: bisect the fewest oldest delivered messages to drop for the rest to fit. A
      // refused try is shadowed in memory (storage.ts), so the write that stays comes last.
      let low = 1;
      let high = full.filter((message) => !isPending(message)).length + 1;
      const none = high;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (write(state, dropOldest(full, middle))) high = middle;
        else low = middle + 1;
      }
      const why = storage.refusal ?? 'full';
      if (high < none) {
        write(state, dropOldest(full, high));
        warn(
          `Chatlet: storage is full (${why}), so only the newest messages are saved; the panel still shows them all.`,
        );
      } else {
        // Not even the unsent messages fit: this page keeps the whole history in memory.
        write(state, full);
        warn(
          `Chatlet: storage refused the conversation (${why}); a reload loses its latest messages.`,
        );
      }
    },
    clear() {
      storage.remove(key);
    },
  };
}
