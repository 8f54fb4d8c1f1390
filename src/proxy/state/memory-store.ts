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
  // A Map iterates in insertion order, so its first key is always the oldest entry.
  const entries = new Map<string, { value: string; expiresAt: number; bytes: number }>();
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
    if (entry !== undefined && entry.expiresAt <= now()) {
      remove(key);
      return undefined;
    }
    return entry;
  };
  /** Stores the entry; `false` when it alone exceeds the byte bound (the others are kept). */
  const put = (key: string, value: string, ttlMs: number): boolean => {
    remove(key);
    const size = (key.length + value.length) * 2 + ENTRY_OVERHEAD_BYTES;
    if (size > maxBytes) return false;
    entries.set(key, { value, expiresAt: now() + ttlMs, bytes: size });
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

const DONE = Promise.resolve();
const TRUE = Promise.resolve(true);
const FALSE = Promise.resolve(false);
