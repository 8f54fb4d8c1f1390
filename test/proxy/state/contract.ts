import { describe, expect, it } from 'vitest';
import type { ProxyState } from '../../../src/proxy/state/types.ts';

/**
 * The behaviour every {@link ProxyState} implementation must show, run against each of them (memory,
 * Redis, Durable Object) so they cannot drift apart. `makeState` returns a fresh, empty state; keys
 * are unique per test, so a shared store need not be flushed. Expiry is checked with real waits
 * of a few hundred ms: what counts is the state after the wait, never how long anything took.
 */
export function runStateContract(name: string, makeState: () => Promise<ProxyState>): void {
  let counter = 0;
  const fresh = (label: string): string => `${label}:${Date.now()}:${(counter += 1)}`;
  const withState = (test: (state: ProxyState) => Promise<void>) => async () => {
    const state = await makeState();
    try {
      await test(state);
    } finally {
      await state.close();
    }
  };
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  describe(`${name}: key-value store`, () => {
    it(
      'returns what was set, and nothing for an unknown key',
      withState(async ({ store }) => {
        const key = fresh('kv');
        expect(await store.get(key)).toBeUndefined();
        await store.set(key, 'one', 60_000);
        await store.set(key, 'two ✓', 60_000);
        expect(await store.get(key)).toBe('two ✓');
      }),
    );

    it(
      'forgets a value after its time to live',
      withState(async ({ store }) => {
        const key = fresh('ttl');
        await store.set(key, 'v', 100);
        expect(await store.add(`${key}:add`, 'v', 100)).toBe(true);
        await pause(300);
        expect(await store.get(key)).toBeUndefined();
        expect(await store.add(`${key}:add`, 'w', 60_000)).toBe(true);
      }),
    );

    it(
      'adds only when the key is empty',
      withState(async ({ store }) => {
        const key = fresh('add');
        expect(await store.add(key, 'first', 60_000)).toBe(true);
        expect(await store.add(key, 'second', 60_000)).toBe(false);
        expect(await store.get(key)).toBe('first');
      }),
    );

    it(
      'lets exactly one of many simultaneous adds win',
      withState(async ({ store }) => {
        const key = fresh('race');
        const won = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.add(key, `owner-${i}`, 60_000)),
        );
        expect(won.filter(Boolean)).toHaveLength(1);
        expect(await store.get(key)).toBe(`owner-${won.indexOf(true)}`);
      }),
    );

    it(
      'deletes only while the key still holds the given value',
      withState(async ({ store }) => {
        const key = fresh('cad');
        await store.set(key, 'mine', 60_000);
        expect(await store.deleteIfValue(key, 'theirs')).toBe(false);
        expect(await store.get(key)).toBe('mine');
        expect(await store.deleteIfValue(key, 'mine')).toBe(true);
        expect(await store.get(key)).toBeUndefined();
        expect(await store.deleteIfValue(key, 'mine')).toBe(false);
        expect(await store.add(key, 'next', 60_000)).toBe(true);
      }),
    );
  });

  describe(`${name}: rate limiter`, () => {
    it(
      'allows perMinute requests per key, then refuses with a wait of at most a minute',
      withState(async (state) => {
        const limiter = state.limiter(fresh('limit'), 3);
        const key = fresh('ip');
        for (let i = 0; i < 3; i += 1) expect(await limiter.take(key)).toEqual({ allowed: true });
        const refused = await limiter.take(key);
        expect(refused.allowed).toBe(false);
        if (refused.allowed) return;
        expect(refused.retryAfterS).toBeGreaterThanOrEqual(1);
        expect(refused.retryAfterS).toBeLessThanOrEqual(60);
        expect(await limiter.take(fresh('other-ip'))).toEqual({ allowed: true });
      }),
    );

    it(
      'keeps limits of different names apart',
      withState(async (state) => {
        const key = fresh('ip');
        const one = state.limiter(fresh('one'), 1);
        const two = state.limiter(fresh('two'), 1);
        expect(await one.take(key)).toEqual({ allowed: true });
        expect(await two.take(key)).toEqual({ allowed: true });
        expect((await one.take(key)).allowed).toBe(false);
      }),
    );

    it(
      'counts simultaneous requests once each',
      withState(async (state) => {
        const limiter = state.limiter(fresh('burst'), 5);
        const key = fresh('ip');
        const decisions = await Promise.all(Array.from({ length: 12 }, () => limiter.take(key)));
        expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
      }),
    );
  });

  describe(`${name}: window budget`, () => {
    it(
      'reserves limit starts per window, then says when the next one fits',
      withState(async ({ budget }) => {
        const key = fresh('budget');
        expect(await budget.reserve(key, 2, 60_000)).toEqual({ reserved: true });
        expect(await budget.reserve(key, 2, 60_000)).toEqual({ reserved: true });
        const refused = await budget.reserve(key, 2, 60_000);
        expect(refused.reserved).toBe(false);
        if (refused.reserved) return;
        expect(refused.retryAfterMs).toBeGreaterThan(55_000);
        expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
        expect(await budget.reserve(fresh('other'), 2, 60_000)).toEqual({ reserved: true });
      }),
    );

    it(
      'frees a start once it leaves the window',
      withState(async ({ budget }) => {
        const key = fresh('slide');
        expect(await budget.reserve(key, 1, 1_000)).toEqual({ reserved: true });
        expect((await budget.reserve(key, 1, 1_000)).reserved).toBe(false);
        await pause(1_500);
        expect(await budget.reserve(key, 1, 1_000)).toEqual({ reserved: true });
      }),
    );

    it(
      'never reserves more than limit of many simultaneous starts',
      withState(async ({ budget }) => {
        const key = fresh('crowd');
        const outcomes = await Promise.all(
          Array.from({ length: 15 }, () => budget.reserve(key, 5, 60_000)),
        );
        expect(outcomes.filter((outcome) => outcome.reserved)).toHaveLength(5);
      }),
    );

    it(
      'refuses every start while blocked, and says until when',
      withState(async ({ budget }) => {
        const key = fresh('blocked');
        await budget.block(key, 30_000);
        const refused = await budget.reserve(key, 5, 60_000);
        expect(refused.reserved).toBe(false);
        if (refused.reserved) return;
        expect(refused.retryAfterMs).toBeGreaterThan(25_000);
        expect(refused.retryAfterMs).toBeLessThanOrEqual(30_000);
        expect(await budget.reserve(fresh('unblocked'), 5, 60_000)).toEqual({ reserved: true });
      }),
    );
  });

  describe(`${name}: health`, () => {
    it(
      'reports its kind while its store answers',
      withState(async (state) => {
        await state.store.get(fresh('ping'));
        expect(state.health()).toBe(state.kind);
      }),
    );
  });
}
