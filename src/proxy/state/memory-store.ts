import { oldestFirst } from './oldest-first.ts';
import type { KeyValueStore } from './types.ts';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * Most entries kept; the oldest are dropped first, so memory stays bounded under any load.
   * @default 10000
   */
  maxEntries?: number;
  /**
   * Most bytes kept, counted as UTF-16 code units × 2 of keys and values plus a small overhead per
   * entry: a few large answers must not take what ten thousand small ones would. A value larger
   * than this alone is not kept at all.
   * @default 33554432 (32 MiB)
   */
  maxBytes?: number;
  /** The clock, injectable for tests. @default Date.now */
  now?: () => number;
}

/** Rough cost of one Map entry and its record beyond the strings themselves. */
const ENTRY_OVERHEAD_BYTES = 96;

/** An in-process {@link KeyValueStore} with expiry, bounded in entries and in bytes. */
export function createMemoryStore(options: MemoryStoreOptions = {}): KeyValueStore {
  const maxEntries = options.maxEntries ?? 10_000;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const now = options.now ?? Date.now;
  // Expiries count from the store's creation, so they stay small integers (V8 keeps a time since
  // the epoch as a heap number of its own, one more object per entry) for weeks; past that
  // they become heap numbers, with the same comparisons.
  const since = now();
  const clock = (): number => now() - since;
  // A Map iterates in insertion order, so its first key is always the oldest entry.
  const entries = new Map<string, StoredEntry>();
  let bytes = 0;
  const evict = oldestFirst(
    entries,
    () => entries.size > maxEntries || bytes > maxBytes,
    (entry) => (bytes -= entry.bytes),
  );

  const remove = (key: string): void => {
    const entry = entries.get(key);
    if (entry === undefined) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };
  const live = (key: string): { value: string } | undefined => {
    const entry = entries.get(key);
    if (entry !== undefined && entry.expiresAt <= clock()) {
      remove(key);
      return undefined;
    }
    return entry;
  };
  /** Stores the entry; `false` when it alone exceeds the byte bound (the others are kept). */
  const put = (key: string, value: string, ttlMs: number): boolean => {
    key = flat(key);
    remove(key);
    const size = (key.length + value.length) * 2 + ENTRY_OVERHEAD_BYTES;
    if (size > maxBytes) return false;
    entries.set(key, new StoredEntry(flat(value), clock() + ttlMs, size));
    bytes += size;
    evict();
    return true;
  };

  // Not `async`: every answer is known at once, so the settled promises are made once and shared
  // (an async method made a promise per call, several per message).
  return {
    get: (key) => Promise.resolve(live(key)?.value),
    set(key, value, ttlMs) {
      put(key, value, ttlMs);
      return DONE;
    },
    add(key, value, ttlMs) {
      return live(key) === undefined && put(key, value, ttlMs) ? TRUE : FALSE;
    },
    deleteIfValue(key, value) {
      if (live(key)?.value !== value) return FALSE;
      remove(key);
      return TRUE;
    },
  };
}

/**
 * One stored value. A class: its instances share one shape and carry no more than their fields.
 */
class StoredEntry {
  readonly value: string;
  readonly expiresAt: number;
  readonly bytes: number;

  constructor(value: string, expiresAt: number, bytes: number) {
    this.value = value;
    this.expiresAt = expiresAt;
    this.bytes = bytes;
  }
}

/**
 * `text` made one flat string. Keys and values are mostly built by concatenation (an answer is
 * `{"state":"done",…` around the reply's JSON), which V8 keeps as a tree of rope nodes, each an
 * object the garbage collector copies twice while the entry is young. Converting it to a number
 * makes V8 flatten it in place (the number itself is thrown away: JSON and keys are never
 * numeric), after which the collector keeps only the flat text.
 */
function flat(text: string): string {
  // Kept, so that an optimising compiler cannot drop the conversion as unused.
  flattened.last = Number(text);
  return text;
}
const flattened = { last: 0 };

const DONE = Promise.resolve();
const TRUE = Promise.resolve(true);
const FALSE = Promise.resolve(false);
