import { describe, expect, it } from 'vitest';
import { CLAIMED, claimWithLimits, HELD } from '../../../src/proxy/state/claim.ts';
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

  describe(`${name}: claim with limits`, () => {
    it(
      'claims once and takes from each limit; a held key takes nothing',
      withState(async (state) => {
        const [ip, conversation] = [state.limiter(fresh('ip'), 2), state.limiter(fresh('c'), 5)];
        const key = fresh('claim');
        const limits = [
          { limiter: ip, key: 'a' },
          { limiter: conversation, key: 'b' },
        ];
        expect(await claimWithLimits(state.store, key, 'mine', 60_000, limits)).toEqual(CLAIMED);
        expect(await state.store.get(key)).toBe('mine');
        expect(await claimWithLimits(state.store, key, 'theirs', 60_000, limits)).toEqual(HELD);
        expect(await state.store.get(key)).toBe('mine');
        // The held claim took nothing: one of the two per-IP tokens is still there, then none.
        expect(await ip.take('a')).toEqual({ allowed: true });
        expect((await ip.take('a')).allowed).toBe(false);
        expect(await conversation.take('b')).toEqual({ allowed: true });
      }),
    );

    it(
      'stores nothing when a limit refuses, keeping the takes before it, and says how long to wait',
      withState(async (state) => {
        const [ip, conversation] = [state.limiter(fresh('ip'), 3), state.limiter(fresh('c'), 1)];
        expect(await conversation.take('b')).toEqual({ allowed: true });
        const key = fresh('claim');
        const limits = [
          { limiter: ip, key: 'a' },
          { limiter: conversation, key: 'b' },
        ];
        const refused = await claimWithLimits(state.store, key, 'mine', 60_000, limits);
        expect(refused).toMatchObject({ status: 'limited' });
        if (refused.status !== 'limited') return;
        expect(refused.retryAfterS).toBeGreaterThanOrEqual(1);
        expect(refused.retryAfterS).toBeLessThanOrEqual(60);
        expect(await state.store.get(key)).toBeUndefined();
        // The per-IP take before the refusal stayed taken: 3 - 1 = 2 left.
        expect(await ip.take('a')).toEqual({ allowed: true });
        expect(await ip.take('a')).toEqual({ allowed: true });
        expect((await ip.take('a')).allowed).toBe(false);
      }),
    );

    it(
      'lets exactly one of many simultaneous claims win, and only the winner takes',
      withState(async (state) => {
        const ip = state.limiter(fresh('ip'), 3);
        const key = fresh('claim');
        const claims = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            claimWithLimits(state.store, key, `v${i}`, 60_000, [{ limiter: ip, key: 'a' }]),
          ),
        );
        expect(claims.filter((claim) => claim.status === 'claimed')).toHaveLength(1);
        expect(claims.filter((claim) => claim.status === 'held')).toHaveLength(7);
        expect(await ip.take('a')).toEqual({ allowed: true });
        expect(await ip.take('a')).toEqual({ allowed: true });
        expect((await ip.take('a')).allowed).toBe(false);
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
