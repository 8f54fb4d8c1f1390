import type { Logger } from '../log.ts';
import type { ProxyState } from '../state/types.ts';

/**
 * The shared state `CHATLET_REDIS_URL` asks for (key prefix `CHATLET_REDIS_PREFIX`), or
 * `undefined` for this process's memory. The Redis code and the `redis` package are loaded only
 * here, only when the variable is set. A malformed URL throws a `ProxyConfigError`.
 */
export async function stateFromEnv(
  env: Record<string, string | undefined>,
  log?: Logger,
): Promise<ProxyState | undefined> {
  const url = env['CHATLET_REDIS_URL']?.trim();
  if (url === undefined || url === '') return undefined;
  const { createRedisState } = await import('../state/redis/redis-state.ts');
  const prefix = env['CHATLET_REDIS_PREFIX']?.trim();
  return createRedisState({
    url,
    ...(prefix === undefined || prefix === '' ? {} : { prefix }),
    ...(log === undefined ? {} : { log }),
  });
}
