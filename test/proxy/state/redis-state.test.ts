import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src/proxy/log.ts';
import { createRedisState } from '../../../src/proxy/state/redis/redis-state.ts';
import { isProxyConfigError } from '../../../src/proxy/config-error.ts';
import { startRedis, type RedisServer } from '../../support/redis-server.ts';
import { CLAIMED, claimWithLimits } from '../../../src/proxy/state/claim.ts';
import { runStateContract } from './contract.ts';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis.close());

runStateContract('redis', () => createRedisState({ url: redis.url, log: () => undefined }));

describe('redis state', () => {
  it('shares one count between two instances', async () => {
    const [a, b] = await Promise.all([
      createRedisState({ url: redis.url, log: () => undefined, prefix: 'shared' }),
      createRedisState({ url: redis.url, log: () => undefined, prefix: 'shared' }),
    ]);
    try {
      const key = `k${Date.now()}`;
      expect(await a.store.add(key, 'a', 60_000)).toBe(true);
      expect(await b.store.add(key, 'b', 60_000)).toBe(false);
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).budget.reserve(key, 5, 60_000)),
      );
      expect(outcomes.filter((outcome) => outcome.reserved)).toHaveLength(5);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('keeps instances with different prefixes apart', async () => {
    const a = await createRedisState({ url: redis.url, log: () => undefined, prefix: 'site-a' });
    const b = await createRedisState({ url: redis.url, log: () => undefined, prefix: 'site-b' });
    try {
      expect(await a.store.add('same', '1', 60_000)).toBe(true);
      expect(await b.store.add('same', '1', 60_000)).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('refuses a malformed URL without echoing it (it may hold a password)', async () => {
    const error = await createRedisState({ url: 'http://user:hunter2@cache' }).catch((e) => e);
    expect(isProxyConfigError(error)).toBe(true);
    expect(error).toMatchObject({ setting: 'CHATLET_REDIS_URL' });
    expect(String(error.message)).not.toContain('hunter2');
  });

  it('falls back to memory with one warning while Redis is down, and returns when it is back', async () => {
    const own = await startRedis();
    const logs: LogEntry[] = [];
    const state = await createRedisState({ url: own.url, log: (entry) => void logs.push(entry) });
    try {
      const limiter = state.limiter('ip', 1);
      expect(await limiter.take('x')).toEqual({ allowed: true });
      await own.kill();
      // Memory stands in: its own fresh bucket, and a claim still works.
      for (let i = 0; i < 5; i += 1) await state.store.add(`down${i}`, 'v', 60_000);
      expect(await state.store.add('down0', 'w', 60_000)).toBe(false);
      // A claim with limits too, counted on memory's buckets (the per-IP one here is fresh).
      const limits = [{ limiter, key: 'x' }];
      expect(await claimWithLimits(state.store, 'down-c', 'v', 60_000, limits)).toEqual(CLAIMED);
      expect(await claimWithLimits(state.store, 'down-d', 'v', 60_000, limits)).toMatchObject({
        status: 'limited',
      });
      expect(await state.store.get('down-d')).toBeUndefined();
      expect(state.health()).toBe('degraded');
      expect(logs.filter((entry) => entry.event === 'state_degraded')).toHaveLength(1);
      await own.restart();
      await until(() => state.health() === 'redis');
      expect(await state.store.add('after', 'v', 60_000)).toBe(true);
      expect(logs.map((entry) => entry.event)).toEqual(['state_degraded', 'state_restored']);
    } finally {
      await state.close();
      await own.close();
    }
  });

  it('starts degraded when Redis is unreachable, with one warning', async () => {
    const logs: LogEntry[] = [];
    const state = await createRedisState({
      url: 'redis://127.0.0.1:1',
      log: (entry) => void logs.push(entry),
    });
    try {
      expect(state.health()).toBe('degraded');
      expect(await state.store.add('k', 'v', 1000)).toBe(true);
      expect(logs.filter((entry) => entry.event === 'state_degraded')).toHaveLength(1);
      expect(JSON.stringify(logs)).toContain('127.0.0.1:1');
    } finally {
      await state.close();
    }
  });

  it('answers from memory when Redis stops answering (a frozen server), degraded after three timeouts', async () => {
    const own = await startRedis();
    const state = await createRedisState({ url: own.url, log: () => undefined });
    try {
      own.pause();
      // One late answer may be a busy machine; the third in a row is an outage.
      expect(await state.store.add('frozen', 'v', 60_000)).toBe(true);
      expect(state.health()).toBe('redis');
      await state.store.add('frozen-2', 'v', 60_000);
      expect(await state.store.add('frozen-3', 'v', 60_000)).toBe(true);
      expect(state.health()).toBe('degraded');
      expect(await state.store.add('frozen', 'w', 60_000)).toBe(false);
      own.resume();
      await until(() => state.health() === 'redis');
    } finally {
      await state.close();
      await own.close();
    }
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(condition()).toBe(true);
}
