import type { Logger } from '../../log.ts';
import { RedisTimeoutError } from './connection.ts';

/** Timeouts in a row that count as an outage (a refused or lost connection counts at once). */
const TIMEOUTS_FOR_OUTAGE = 3;

/** Whether Redis answers, with one warning per outage and a background probe that ends it. */
export interface RedisHealth {
  /** True while commands go to Redis; false while this instance uses its own memory. */
  readonly up: boolean;
  /**
   * A command or the connection failed: start an outage, unless one is on. A timeout alone starts
   * one only as the third in a row, since a loaded two-core machine can hold a healthy answer back
   * past the timeout once in a while.
   */
  failed(error: unknown): void;
  /** A command succeeded: timeouts before it were only slowness. */
  answered(): void;
  /** Stops probing. */
  stop(): void;
}

/** Options of {@link trackRedisHealth}. */
export interface RedisHealthOptions {
  /** Where Redis is, for the log (host and port only: a URL may hold a password). */
  where: string;
  log: Logger;
  /** Resolves when Redis answers a PING. */
  ping: () => Promise<unknown>;
  /**
   * How often a degraded instance asks Redis whether it is back, in ms.
   * @default 1000
   */
  probeMs?: number;
}

/**
 * Tracks Redis's health. Requests never wait for a dead Redis twice: after the first failure they
 * use local memory at once, and only the probe, off the request path, talks to Redis until it
 * answers again.
 */
export function trackRedisHealth(options: RedisHealthOptions): RedisHealth {
  const probeMs = options.probeMs ?? 1_000;
  let up = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let timeoutsInARow = 0;

  const probe = (): void => {
    timer = setTimeout(() => {
      options.ping().then(
        () => {
          if (stopped) return;
          up = true;
          timer = undefined;
          options.log({
            level: 'info',
            event: 'state_restored',
            state: 'redis',
            redis: options.where,
          });
        },
        () => {
          if (!stopped) probe();
        },
      );
    }, probeMs);
    // A probe must not keep a process alive that is otherwise done.
    (timer as { unref?: () => void }).unref?.();
  };

  return {
    get up() {
      return up;
    },
    answered() {
      timeoutsInARow = 0;
    },
    failed(error) {
      if (!up || stopped) return;
      if (error instanceof RedisTimeoutError && (timeoutsInARow += 1) < TIMEOUTS_FOR_OUTAGE) return;
      timeoutsInARow = 0;
      up = false;
      options.log({
        level: 'warn',
        event: 'state_degraded',
        state: 'degraded',
        redis: options.where,
        detail: `Redis is unreachable (${error instanceof Error ? error.message : String(error)}); each instance counts limits and answers in its own memory until it is back.`,
      });
      probe();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
