/**
 * The state the proxy shares between requests, as interfaces with one in-memory implementation
 * each (`./memory-*.ts`) and shared ones for several instances (Redis, a Durable Object). Every
 * implementation passes the same contract test (`test/proxy/state/contract.ts`).
 *
 * What an implementation must guarantee:
 * - **Atomic per call.** `add`, `deleteIfValue`, `take` and `reserve` are each one indivisible step,
 *   also when N proxy instances call them at once (Redis: one command or one Lua script; a Durable
 *   Object: one method, single-threaded). `get` then `set` is *not* atomic; do not build on it.
 * - **One clock.** Expiry, limits and the budget window use the store's clock (Redis `TIME`), not
 *   the calling instance's, whose clock may be off by seconds.
 * - **Bounded.** A memory implementation bounds its entries and its bytes; a shared one relies on
 *   every key having a time to live.
 * - **Failure.** A shared implementation never hangs a request: each call has a short timeout, and
 *   while the shared store is unreachable it answers from local memory and reports `degraded`.
 */

/** Short-lived strings by key: idempotency claims and stored answers. */
export interface KeyValueStore {
  /** The value stored under `key`, or `undefined` when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key` for `ttlMs` milliseconds, replacing any value. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Stores `value` only if `key` holds nothing (Redis `SET NX PX`); `true` when it was stored. */
  add(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes `key` only if it still holds exactly `value` (compare-and-delete); `true` if deleted. */
  deleteIfValue(key: string, value: string): Promise<boolean>;
  /**
   * Optional, for a shared store: `add`, and only when the key was free, a `take` from each of
   * `limits` in order, as one step (one round trip instead of one per part). A refusal stores
   * nothing; the takes before it stay taken. Without it `claimWithLimits` (`./claim.ts`) makes the
   * same steps one after the other.
   */
  claim?(key: string, value: string, ttlMs: number, limits: readonly LimitTake[]): Promise<Claim>;
}

/** One take to make along with a claim: a limiter of the same state, and the key it counts. */
export interface LimitTake {
  readonly limiter: RateLimiter;
  readonly key: string;
}

/** What a claim with limits answers: stored, held by someone else (nothing taken), or refused. */
export type Claim =
  { status: 'claimed' } | { status: 'held' } | { status: 'limited'; retryAfterS: number };

/** The outcome of asking a {@link RateLimiter} for one request. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterS: number };

/** Counts requests per key against one limit (an abuse limit: per IP, per conversation). */
export interface RateLimiter {
  /** Takes one request's worth from `key`'s allowance. */
  take(key: string): Promise<RateDecision>;
}

/** The outcome of {@link WindowBudget.reserve}. */
export type Reservation = { reserved: true } | { reserved: false; retryAfterMs: number };

/**
 * Exact sliding-window start counts, for an upstream quota such as Famulor's 5 calls per minute per
 * token: unlike a token bucket or a fixed window it never lets more than `limit` starts into any
 * window, also at window edges.
 */
export interface WindowBudget {
  /**
   * Records one start under `key` if fewer than `limit` started in the last `windowMs` and `key` is
   * not blocked; else says in how many ms the next start could fit (nothing is recorded).
   */
  reserve(key: string, limit: number, windowMs: number): Promise<Reservation>;
  /** Refuses every start under `key` for the next `ms` (the upstream's own 429 said so). */
  block(key: string, ms: number): Promise<void>;
}

/** What `/healthz` reports as `state`: the kind in use, or `degraded` while it falls back. */
export type StateHealth = ProxyState['kind'] | 'degraded';

/** All state of one proxy, handed to `createChatletProxy` as its `state` option. */
export interface ProxyState {
  /** Where the state lives: this process, Redis/Valkey, or a Cloudflare Durable Object. */
  readonly kind: 'memory' | 'redis' | 'durable-object';
  /** Idempotency claims and answers. */
  readonly store: KeyValueStore;
  /** The budget of upstream starts (Famulor). */
  readonly budget: WindowBudget;
  /**
   * A limiter allowing `perMinute` requests per key (also its burst). Called once per limit at
   * start-up; `name` keeps different limits apart when they share one store.
   */
  limiter(name: string, perMinute: number): RateLimiter;
  /** The kind in use, or `degraded` while a shared store is unreachable and memory stands in. */
  health(): StateHealth;
  /** Releases connections and timers. */
  close(): Promise<void>;
}
