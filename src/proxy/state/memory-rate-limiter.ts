import { oldestFirst } from './oldest-first.ts';
import type { RateDecision, RateLimiter } from './types.ts';

/** Options of {@link createMemoryRateLimiter}. */
export interface MemoryRateLimiterOptions {
  /** Sustained requests per minute per key; also the burst a fresh key may spend at once. */
  perMinute: number;
  /**
   * Most keys tracked; the least recently used are dropped first. A dropped key starts again with a
   * full bucket, which is what an idle key would have by now anyway.
   * @default 10000
   */
  maxKeys?: number;
  /** The clock, injectable for tests. @default Date.now */
  now?: () => number;
}

/** A token bucket per key, in process memory and bounded in size. */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions): RateLimiter {
  const capacity = options.perMinute;
  const perMs = options.perMinute / 60_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  /** Drops the least recently used keys beyond the bound. */
  const trim = oldestFirst(buckets, () => buckets.size > maxKeys);

  return {
    // Not `async`: an allowed take, nearly every one, shares one settled promise.
    take(key) {
      const at = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, at };
      const tokens = Math.min(capacity, bucket.tokens + (at - bucket.at) * perMs);
      buckets.delete(key);
      if (tokens >= 1) {
        buckets.set(key, { tokens: tokens - 1, at });
        trim();
        return ALLOWED;
      }
      buckets.set(key, { tokens, at });
      trim();
      const retryAfterS = Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
      return Promise.resolve({ allowed: false, retryAfterS });
    },
  };
}

const ALLOWED: Promise<RateDecision> = Promise.resolve({ allowed: true });

/** A limiter that allows everything, for a limit configured as 0 (off). */
export const unlimited: RateLimiter = { take: () => ALLOWED };
