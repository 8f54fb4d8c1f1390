import { oldestFirst } from './oldest-first.ts';
import type { Reservation, WindowBudget } from './types.ts';

/** Options of {@link createMemoryWindowBudget}. */
export interface MemoryWindowOptions {
  /**
   * Most keys tracked; the least recently used are dropped first (one key per upstream token, or
   * per conversation under a fairness policy).
   * @default 10000
   */
  maxKeys?: number;
  /** The clock, injectable for tests. @default Date.now */
  now?: () => number;
}

/** An in-process {@link WindowBudget}: start times per key, plus a "blocked until" per key. */
export function createMemoryWindowBudget(options: MemoryWindowOptions = {}): WindowBudget {
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  const windows = new Map<string, { starts: number[]; blockedUntil: number }>();
  const trim = oldestFirst(windows, () => windows.size > maxKeys);

  /** The key's window, moved to the most recently used end and trimmed to the bound. */
  const touch = (key: string): { starts: number[]; blockedUntil: number } => {
    const window = windows.get(key) ?? { starts: [], blockedUntil: 0 };
    windows.delete(key);
    windows.set(key, window);
    trim();
    return window;
  };

  return {
    async reserve(key, limit, windowMs): Promise<Reservation> {
      const at = now();
      const window = touch(key);
      const { starts } = window;
      while (starts.length > 0 && (starts[0] ?? 0) <= at - windowMs) starts.shift();
      if (window.blockedUntil > at)
        return { reserved: false, retryAfterMs: window.blockedUntil - at };
      if (starts.length < limit) {
        starts.push(at);
        return { reserved: true };
      }
      // The start that has to leave the window before one more fits.
      const leaving = starts[starts.length - limit] ?? at;
      return { reserved: false, retryAfterMs: Math.max(1, leaving + windowMs - at) };
    },
    async block(key, ms) {
      const window = touch(key);
      window.blockedUntil = Math.max(window.blockedUntil, now() + ms);
    },
  };
}
