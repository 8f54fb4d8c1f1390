import { ProxyConfigError } from '../../config-error.ts';
import { consoleLogger, type Logger } from '../../log.ts';
import { createMemoryState } from '../memory-state.ts';
import { CLAIMED, claimInTurn, HELD } from '../claim.ts';
import type {
  Claim,
  KeyValueStore,
  LimitTake,
  ProxyState,
  RateLimiter,
  WindowBudget,
} from '../types.ts';
import { openRedisLink, RedisTimeoutError } from './connection.ts';
import { trackRedisHealth } from './health.ts';
import { BLOCK, CLAIM, DELETE_IF_VALUE, RESERVE, TAKE_TOKEN } from './scripts.ts';

/** How long a turn waits before asking again when a reservation timed out. */
const UNSURE_RETRY_MS = 250;

/** Options of {@link createRedisState}. */
export interface RedisStateOptions {
  /** `redis://[user:password@]host[:port][/db]` or `rediss://…` (TLS) (`CHATLET_REDIS_URL`). */
  url: string;
  /**
   * Prefix of every key, so several sites can share one Redis (`CHATLET_REDIS_PREFIX`).
   * @default 'chatlet'
   */
  prefix?: string;
  /**
   * Longest wait for one Redis answer; past it the instance falls back to its memory.
   * @default 100
   */
  commandTimeoutMs?: number;
  /**
   * Where the outage warning and the recovery line go.
   * @default JSON lines on the console
   */
  log?: Logger;
}

/**
 * State shared by every instance through Redis or Valkey: one atomic command or Lua script per
 * operation, on Redis's clock. While Redis is unreachable each kind of state falls back to this
 * instance's memory (one warning per outage, `/healthz` says `degraded`) and returns to Redis when
 * a background probe finds it again. Resolves after a first connection attempt of at most ~1 s.
 */
export async function createRedisState(options: RedisStateOptions): Promise<ProxyState> {
  const where = checkRedisUrl(options.url);
  const prefix = checkPrefix(options.prefix ?? 'chatlet');
  const log = options.log ?? consoleLogger;
  const local = createMemoryState();
  let health: ReturnType<typeof trackRedisHealth> | undefined;
  const link = await openRedisLink(options.url, {
    commandTimeoutMs: options.commandTimeoutMs ?? 100,
    onError: (error) => health?.failed(error),
  });
  health = trackRedisHealth({ where, log, ping: () => link.send(['PING']) });
  const tracked = health;

  /**
   * Redis while it is up; this instance's memory after a failure and until the probe succeeds.
   * `unsure` answers a call that timed out while Redis is still considered up, when memory's answer
   * would be the wrong guess (the shared budget: the start may have been counted already).
   */
  const either = async <T>(
    shared: () => Promise<T>,
    fallback: () => Promise<T>,
    unsure?: () => T,
  ): Promise<T> => {
    if (!tracked.up) return fallback();
    try {
      const value = await shared();
      tracked.answered();
      return value;
    } catch (error) {
      tracked.failed(error);
      if (unsure !== undefined && tracked.up && error instanceof RedisTimeoutError) return unsure();
      return fallback();
    }
  };

  const kv = (key: string) => `${prefix}:kv:${key}`;
  /** This state's limiters, so a claim can run their buckets in its own script. */
  const limiters = new Map<
    RateLimiter,
    { bucket: string; perMinute: string; local: RateLimiter }
  >();
  const store: KeyValueStore = {
    get: (key) =>
      either(
        async () => {
          const value = await link.send(['GET', kv(key)]);
          return value === null ? undefined : String(value);
        },
        () => local.store.get(key),
      ),
    set: (key, value, ttlMs) =>
      either(
        async () => void (await link.send(['SET', kv(key), value, 'PX', String(ttlMs)])),
        () => local.store.set(key, value, ttlMs),
      ),
    add: (key, value, ttlMs) =>
      either(
        async () => (await link.send(['SET', kv(key), value, 'NX', 'PX', String(ttlMs)])) !== null,
        () => local.store.add(key, value, ttlMs),
      ),
    deleteIfValue: (key, value) =>
      either(
        async () => Number(await link.script(DELETE_IF_VALUE, [kv(key)], [value])) === 1,
        () => local.store.deleteIfValue(key, value),
      ),
    claim: (key, value, ttlMs, limits) => {
      const keys = [kv(key)];
      const args = [value, String(ttlMs)];
      const fallbacks: LimitTake[] = [];
      for (const limit of limits) {
        const own = limiters.get(limit.limiter);
        if (own === undefined) return claimInTurn(store, key, value, ttlMs, limits);
        keys.push(`${own.bucket}${limit.key}`);
        args.push(own.perMinute);
        fallbacks.push({ limiter: own.local, key: limit.key });
      }
      return either<Claim>(
        async () => {
          const wait = Number(await link.script(CLAIM, keys, args));
          if (wait === 0) return CLAIMED;
          if (wait < 0) return HELD;
          return { status: 'limited', retryAfterS: Math.max(1, Math.ceil(wait / 1000)) };
        },
        // The same steps in this instance's memory, as separate calls there would make them.
        () => claimInTurn(local.store, key, value, ttlMs, fallbacks),
      );
    },
  };

  // Both keys of one budget share a hash tag, so a Redis Cluster keeps them in one slot.
  const budgetKeys = (key: string) => [
    `${prefix}:budget:{${key}}:starts`,
    `${prefix}:budget:{${key}}:blocked`,
  ];
  const budget: WindowBudget = {
    reserve: (key, limit, windowMs) =>
      either(
        async () => {
          const member = `${Date.now()}:${crypto.randomUUID()}`;
          const wait = Number(
            await link.script(RESERVE, budgetKeys(key), [String(limit), String(windowMs), member]),
          );
          return wait === 0 ? { reserved: true } : { reserved: false, retryAfterMs: wait };
        },
        () => local.budget.reserve(key, limit, windowMs),
        // Not a start we can prove: the turn waits a moment and asks again (bounded by its queue).
        () => ({ reserved: false, retryAfterMs: UNSURE_RETRY_MS }),
      ),
    block: (key, ms) =>
      either(
        async () => void (await link.script(BLOCK, budgetKeys(key).slice(1), [String(ms)])),
        () => local.budget.block(key, ms),
      ),
  };

  const limiter = (name: string, perMinute: number): RateLimiter => {
    const fallback = local.limiter(name, perMinute);
    const bucket = `${prefix}:rate:${name}:`;
    const made: RateLimiter = {
      take: (key) =>
        either(
          async () => {
            const wait = Number(await link.script(TAKE_TOKEN, [bucket + key], [String(perMinute)]));
            return wait === 0
              ? { allowed: true }
              : { allowed: false, retryAfterS: Math.max(1, Math.ceil(wait / 1000)) };
          },
          () => fallback.take(key),
        ),
    };
    limiters.set(made, { bucket, perMinute: String(perMinute), local: fallback });
    return made;
  };

  // The first answer (or failure) decides whether start-up is degraded; it waits for the connection.
  await firstContact(() => link.send(['PING']))
    .then(() => link.preload([DELETE_IF_VALUE, TAKE_TOKEN, CLAIM, RESERVE, BLOCK]))
    .catch((error: unknown) => tracked.failed(error));

  return {
    kind: 'redis',
    store,
    budget,
    limiter,
    health: () => (tracked.up ? 'redis' : 'degraded'),
    close: async () => {
      tracked.stop();
      await link.close();
    },
  };
}

/** PINGs until Redis answers, for at most ~1 s (the connection may still be opening). */
async function firstContact(ping: () => Promise<unknown>): Promise<void> {
  for (let tries = 1; ; tries += 1) {
    try {
      await ping();
      return;
    } catch (error) {
      if (tries >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Checks a Redis URL; returns `host:port` for the log. Never echoes the URL: it may hold a password. */
export function checkRedisUrl(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (
    parsed === undefined ||
    (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') ||
    parsed.hostname === ''
  ) {
    throw new ProxyConfigError(
      'CHATLET_REDIS_URL',
      'CHATLET_REDIS_URL is not a Redis URL: write redis://host:6379 (or rediss:// for TLS, with user:password@ before the host when needed).',
    );
  }
  return `${parsed.hostname}:${parsed.port === '' ? '6379' : parsed.port}`;
}

function checkPrefix(prefix: string): string {
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(prefix)) {
    throw new ProxyConfigError(
      'CHATLET_REDIS_PREFIX',
      'CHATLET_REDIS_PREFIX must be 1–64 letters, digits, ".", "_", ":" or "-", e.g. chatlet or shop-eu.',
    );
  }
  return prefix;
}
