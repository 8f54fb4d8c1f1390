import { describe, expect, it } from 'vitest';
import { createMemoryState } from '../../../src/proxy/state/memory-state.ts';
import { createMemoryStore } from '../../../src/proxy/state/memory-store.ts';
import { runStateContract } from './contract.ts';

runStateContract('memory', async () => createMemoryState());

describe('the memory store', () => {
  it('keeps at most maxEntries, dropping the oldest', async () => {
    const store = createMemoryStore({ maxEntries: 2 });
    await store.set('a', '1', 60_000);
    await store.set('b', '2', 60_000);
    await store.add('c', '3', 60_000);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBe('2');
    expect(await store.get('c')).toBe('3');
  });

  it('stays within maxBytes however large the answers, dropping the oldest', async () => {
    const store = createMemoryStore({ maxBytes: 1_000_000 });
    const large = 'x'.repeat(200_000); // 400 KB as UTF-16
    for (const key of ['a', 'b', 'c']) await store.set(key, large, 60_000);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBe(large);
    expect(await store.get('c')).toBe(large);
  });

  it('keeps no value larger than the whole byte bound, and keeps the rest', async () => {
    const store = createMemoryStore({ maxBytes: 1_000 });
    await store.set('small', 'v', 60_000);
    await store.set('huge', 'x'.repeat(10_000), 60_000);
    expect(await store.get('huge')).toBeUndefined();
    expect(await store.get('small')).toBe('v');
  });
});
