import type { Logger } from '../log.ts';
import { consoleLogger } from '../log.ts';
import { createMemoryState } from '../state/memory-state.ts';
import type { ProxyState, RateDecision, RateLimiter, Reservation } from '../state/types.ts';
import type { DurableObjectNamespace, RateLimitBinding } from './bindings.ts';
import { objectCaller } from './object-call.ts';
import { objectNameFor } from './object-names.ts';

/** Options of {@link createDurableObjectState}. */
export interface DurableObjectStateOptions {
  /**
   * Counts the per-IP limit with the Workers Rate Limiting binding (per Cloudflare location, limit
   * and period set in wrangler.toml) instead of in an object per IP: no round trip to an object.
   * @default undefined (per-IP limit in `CHATLET_STATE`)
   */
  ipRateLimit?: RateLimitBinding;
  /**
   * Where the outage warnings go.
   * @default JSON lines on the console
   */
  log?: Logger;
}

/** The name under which `resolveProxyOptions` asks for the per-IP limiter. */
const IP_LIMIT_NAME = 'ipRequestsPerMinute';

/**
 * The proxy's state in Durable Objects of the `ChatletState` class: idempotency, the limits and
 * the upstream budget are the same for every isolate in every location. Each call goes to the
 * object its key names (`./object-names.ts`) and is answered there in one atomic step; while the
 * objects fail, this isolate's memory answers and `health()` says `degraded`.
 */
export function createDurableObjectState(
  namespace: DurableObjectNamespace,
  options: DurableObjectStateOptions = {},
): ProxyState {
  const objects = objectCaller(namespace, options.log ?? consoleLogger);
  const memory = createMemoryState();
  const { store, budget } = memory;

  const limiter = (name: string, perMinute: number): RateLimiter => {
    const binding = options.ipRateLimit;
    if (name === IP_LIMIT_NAME && binding !== undefined) return bindingLimiter(binding);
    const local = memory.limiter(name, perMinute);
    return {
      take: (key) =>
        objects.call<RateDecision>(
          objectNameFor('limit', `${name}:${key}`),
          { op: 'take', key: `${name}:${key}`, perMinute },
          () => local.take(key),
        ),
    };
  };

  return {
    kind: 'durable-object',
    store: {
      get: async (key) =>
        (await objects.call<string | null | undefined>(
          objectNameFor('store', key),
          { op: 'get', key },
          () => store.get(key),
        )) ?? undefined,
      set: (key, value, ttlMs) =>
        objects.call<void>(objectNameFor('store', key), { op: 'set', key, value, ttlMs }, () =>
          store.set(key, value, ttlMs),
        ),
      add: (key, value, ttlMs) =>
        objects.call(objectNameFor('store', key), { op: 'add', key, value, ttlMs }, () =>
          store.add(key, value, ttlMs),
        ),
      deleteIfValue: (key, value) =>
        objects.call(objectNameFor('store', key), { op: 'deleteIfValue', key, value }, () =>
          store.deleteIfValue(key, value),
        ),
    },
    budget: {
      reserve: (key, limit, windowMs) =>
        objects.call<Reservation>(
          objectNameFor('budget', key),
          { op: 'reserve', key, limit, windowMs },
          () => budget.reserve(key, limit, windowMs),
        ),
      block: (key, ms) =>
        objects.call<void>(objectNameFor('budget', key), { op: 'block', key, ms }, () =>
          budget.block(key, ms),
        ),
    },
    limiter,
    health: () => (objects.healthy() ? 'durable-object' : 'degraded'),
    close: memory.close,
  };
}

/** The per-IP limit over a Rate Limiting binding, whose answer carries no wait: its period is. */
function bindingLimiter(binding: RateLimitBinding): RateLimiter {
  return {
    async take(key) {
      const { success } = await binding.limit({ key });
      // The binding's period is 10 or 60 seconds; 60 is never too short a wait to promise.
      return success ? { allowed: true } : { allowed: false, retryAfterS: 60 };
    },
  };
}
