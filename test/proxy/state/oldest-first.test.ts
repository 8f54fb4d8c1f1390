import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter } from '../../../src/proxy/state/memory-rate-limiter.ts';
import { createMemoryStore } from '../../../src/proxy/state/memory-store.ts';

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const operation = fc.record({
  kind: fc.constantFrom('set', 'add', 'deleteIfValue', 'get'),
  key: fc.constantFrom(...KEYS),
  value: fc.constantFrom('1', '2'),
});

describe('eviction of the oldest entry', () => {
  it('keeps exactly the newest maxEntries of the store, whatever was written, rewritten or deleted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 300 }), async (operations) => {
        const store = createMemoryStore({ maxEntries: 3, now: () => 0 });
        // The model: entries oldest first, a rewrite moves its key to the end.
        let model: [string, string][] = [];
        const write = (key: string, value: string) => {
          model = [
            ...model.filter(([other]) => other !== key),
            [key, value] as [string, string],
          ].slice(-3);
        };
        // What the store answered and what the model says it should have, compared at the end.
        const answered: unknown[] = [];
        const expected: unknown[] = [];
        for (const { kind, key, value } of operations) {
          const held = model.find(([other]) => other === key)?.[1];
          if (kind === 'set') {
            await store.set(key, value, 60_000);
            write(key, value);
          } else if (kind === 'add') {
            answered.push(await store.add(key, value, 60_000));
            expected.push(held === undefined);
            if (held === undefined) write(key, value);
          } else if (kind === 'deleteIfValue') {
            answered.push(await store.deleteIfValue(key, value));
            expected.push(held === value);
            if (held === value) model = model.filter(([other]) => other !== key);
          } else {
            answered.push(await store.get(key));
            expected.push(held);
          }
        }
        for (const key of KEYS) {
          answered.push(await store.get(key));
          expected.push(model.find(([other]) => other === key)?.[1]);
        }
        expect(answered).toEqual(expected);
      }),
    );
  });

  it('forgets the least recently used keys of a rate limiter first, over many evictions', async () => {
    const limiter = createMemoryRateLimiter({ perMinute: 1, maxKeys: 100, now: () => 0 });
    // Each key spends its one message; a key still tracked is refused, a forgotten one is fresh.
    for (let key = 0; key < 1_000; key += 1) await limiter.take(`ip-${key}`);
    for (let key = 0; key < 10; key += 1)
      expect((await limiter.take(`ip-${key}`)).allowed).toBe(true);
    // ip-900 … ip-909 made room for them; ip-910, used again now, moves to the newest end.
    expect((await limiter.take('ip-910')).allowed).toBe(false);
    expect((await limiter.take('ip-909')).allowed).toBe(true);
    // That new key pushed out the oldest left, ip-911, not ip-910.
    expect((await limiter.take('ip-911')).allowed).toBe(true);
    expect((await limiter.take('ip-910')).allowed).toBe(false);
  });
});
