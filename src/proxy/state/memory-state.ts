import { createMemoryRateLimiter } from './memory-rate-limiter.ts';
import { createMemoryStore, type MemoryStoreOptions } from './memory-store.ts';
import { createMemoryWindowBudget } from './memory-window.ts';
import type { ProxyState } from './types.ts';

/** Options of {@link createMemoryState}. */
export interface MemoryStateOptions {
  /** Bounds of the idempotency store. @default see {@link MemoryStoreOptions} */
  store?: Omit<MemoryStoreOptions, 'now'>;
  /** The clock, injectable for tests. @default Date.now */
  now?: () => number;
}

/**
 * State in this process only: right for one instance, and what a shared state falls back to while
 * its store is unreachable. With several instances each counts alone (see README, "Running more
 * than one instance").
 */
export function createMemoryState(options: MemoryStateOptions = {}): ProxyState {
  const now = options.now ?? Date.now;
  const store = createMemoryStore({ ...options.store, now });
  const budget = createMemoryWindowBudget({ now });
  return {
    kind: 'memory',
    store,
    budget,
    limiter: (_name, perMinute) => createMemoryRateLimiter({ perMinute, now }),
    health: () => 'memory',
    close: async () => undefined,
  };
}
