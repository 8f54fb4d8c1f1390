import { ProxyConfigError } from '../config-error.ts';
import type { Logger } from '../log.ts';
import type { ProxyState } from '../state/types.ts';

/**
 * The shared state `CHATLET_REDIS_URL` asks for (key prefix `CHATLET_REDIS_PREFIX`, command
 * timeout `CHATLET_REDIS_TIMEOUT_MS`), or `undefined` for this process's memory. The Redis code and the `redis` package are loaded only
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
  const timeout = env['CHATLET_REDIS_TIMEOUT_MS']?.trim();
  let commandTimeoutMs: number | undefined;
  if (timeout !== undefined && timeout !== '') {
    commandTimeoutMs = Number(timeout);
    if (!Number.isInteger(commandTimeoutMs) || commandTimeoutMs < 1) {
      throw new ProxyConfigError(
        'CHATLET_REDIS_TIMEOUT_MS',
        'CHATLET_REDIS_TIMEOUT_MS must be a whole number of milliseconds, e.g. 100 (the default).',
      );
    }
  }
  return createRedisState({
    url,
    ...(prefix === undefined || prefix === '' ? {} : { prefix }),
    ...(commandTimeoutMs === undefined ? {} : { commandTimeoutMs }),
    ...(log === undefined ? {} : { log }),
  });
}
