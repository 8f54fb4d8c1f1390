import type { Claim, KeyValueStore, LimitTake } from './types.ts';

/** The answers without details, made once. */
export const CLAIMED: Claim = { status: 'claimed' };
/** See {@link CLAIMED}. */
export const HELD: Claim = { status: 'held' };

/**
 * Claims `key` with `value` for `ttlMs` and takes from each of `limits` in order, the claimer
 * alone paying: a retry that finds the key held takes nothing. A refused limit releases the claim
 * again (the takes before it stay taken). One step when the store can (`KeyValueStore.claim`),
 * else {@link claimInTurn}.
 */
export function claimWithLimits(
  store: KeyValueStore,
  key: string,
  value: string,
  ttlMs: number,
  limits: readonly LimitTake[],
): Promise<Claim> {
  if (limits.length === 0)
    return store.add(key, value, ttlMs).then((won) => (won ? CLAIMED : HELD));
  return store.claim?.(key, value, ttlMs, limits) ?? claimInTurn(store, key, value, ttlMs, limits);
}

/** {@link claimWithLimits} as separate calls: `add`, each `take`, `deleteIfValue` on a refusal. */
export async function claimInTurn(
  store: KeyValueStore,
  key: string,
  value: string,
  ttlMs: number,
  limits: readonly LimitTake[],
): Promise<Claim> {
  if (!(await store.add(key, value, ttlMs))) return HELD;
  for (const limit of limits) {
    const decision = await limit.limiter.take(limit.key);
    if (!decision.allowed) {
      await store.deleteIfValue(key, value);
      return { status: 'limited', retryAfterS: decision.retryAfterS };
    }
  }
  return CLAIMED;
}
