import type { UpstreamError } from './provider.ts';

/**
 * Which failed upstream calls are tried again, as plain data (after ky's retry options). Follows the
 * table in docs/ARCHITECTURE.md, "Retries": only what cannot double the bot's turn is retried, and every wait is
 * bounded.
 */
export interface RetryPolicy {
  /** Extra attempts after a connection failure before any byte was sent. @default 2 */
  connectRetries: number;
  /** Extra attempts after a 503. @default 3 */
  unavailableRetries: number;
  /** Longest `Retry-After` (seconds) waited out before one more attempt after a 429. @default 5 */
  maxRetryAfterS: number;
  /** Base of the full-jitter exponential backoff, in ms. @default 100 */
  backoffBaseMs: number;
  /** Longest single backoff wait, in ms. @default 2000 */
  backoffCapMs: number;
  /** Most time spent waiting between attempts of one message, in ms. @default 6000 */
  maxTotalWaitMs: number;
}

/** The defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  connectRetries: 2,
  unavailableRetries: 3,
  maxRetryAfterS: 5,
  backoffBaseMs: 100,
  backoffCapMs: 2000,
  maxTotalWaitMs: 6000,
};

/** How many earlier retries of each kind one message has used. */
export interface RetryCounts {
  connect: number;
  unavailable: number;
  rateLimited: number;
}

/**
 * How long to wait before the next attempt after `error`, or `undefined` to give up. `random`
 * returns a number in [0, 1), as `Math.random` does.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  error: UpstreamError,
  counts: RetryCounts,
  random: () => number,
): number | undefined {
  switch (error.failure) {
    case 'connect':
      return counts.connect < policy.connectRetries
        ? backoff(policy, counts.connect, random)
        : undefined;
    case 'unavailable':
      return counts.unavailable < policy.unavailableRetries
        ? backoff(policy, counts.unavailable, random)
        : undefined;
    case 'rate_limited':
      // Only a short, stated wait is worth holding the visitor for; otherwise tell them honestly.
      return counts.rateLimited === 0 &&
        error.retryAfterS !== undefined &&
        error.retryAfterS <= policy.maxRetryAfterS
        ? error.retryAfterS * 1000
        : undefined;
    default:
      // 500, timeouts, resets after sending: the upstream may have answered already.
      return undefined;
  }
}

/** Full jitter (AWS architecture blog): a uniform wait below the exponential ceiling. */
function backoff(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.backoffCapMs, policy.backoffBaseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
