import { UpstreamError, type Provider, type UpstreamReply, type UpstreamTurn } from './provider.ts';

/** How many upstream calls a {@link withUpstreamBudget} provider may start, and how long one waits. */
export interface UpstreamBudgetOptions {
  /** Calls allowed to start in any 60-second window (Famulor: 5 per API token). */
  perMinute: number;
  /** Most turns waiting for a free slot at once; one more is refused at once. */
  maxQueue: number;
  /** Longest a turn may wait for a slot; a turn that would wait longer is refused at once. */
  maxWaitMs: number;
  /**
   * The clock, in milliseconds.
   * @default Date.now
   */
  now?: () => number;
  /**
   * Waits the given milliseconds; tests inject a clock-driven one.
   * @default setTimeout
   */
  sleep?: (ms: number) => Promise<void>;
}

const WINDOW_MS = 60_000;

/** A queued turn; only its identity and deadline matter. */
interface Waiter {
  deadline: number;
}

/**
 * Wraps a provider in a sliding-window budget shared by every visitor behind the proxy, so a busy
 * site answers 429 with an honest `Retry-After` instead of burning the upstream quota into the
 * upstream's own 429s. When the budget is spent a turn queues briefly (first come, first planned);
 * past the queue or its wait limit it is refused with `rate_limited` and the seconds until it could
 * have started.
 *
 * Each waiting turn sleeps on its own timer until its planned start rather than being woken by
 * another request: Workers cancel work that one request resolves on behalf of another.
 */
export function withUpstreamBudget(provider: Provider, options: UpstreamBudgetOptions): Provider {
  const { perMinute, maxQueue, maxWaitMs } = options;
  if (!Number.isInteger(perMinute) || perMinute < 1) {
    throw new RangeError(`perMinute must be a whole number of at least 1, not ${perMinute}.`);
  }
  if (!Number.isInteger(maxQueue) || maxQueue < 0) {
    throw new RangeError(`maxQueue must be a whole number of at least 0, not ${maxQueue}.`);
  }
  if (!Number.isFinite(maxWaitMs) || maxWaitMs < 0) {
    throw new RangeError(`maxWaitMs must be 0 or more, not ${maxWaitMs}.`);
  }
  const now = options.now ?? Date.now;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  /** Start times of the calls in the current window, oldest first. */
  const starts: number[] = [];
  /** Until when the upstream itself told us to stay away (its 429). */
  let blockedUntil = 0;
  const queue: Waiter[] = [];

  /**
   * Start times for the queued turns in queue order, then `extra` more: each is the earliest moment
   * at which no 60-second window would hold more than `perMinute` starts.
   */
  const plan = (at: number, extra: number): number[] => {
    while (starts.length > 0 && (starts[0] ?? 0) <= at - WINDOW_MS) starts.shift();
    const planned = [...starts];
    const times: number[] = [];
    for (let i = 0; i < queue.length + extra; i += 1) {
      const recent = planned.length >= perMinute ? planned[planned.length - perMinute] : undefined;
      const t = Math.max(at, blockedUntil, recent === undefined ? at : recent + WINDOW_MS);
      planned.push(t);
      times.push(t);
    }
    return times;
  };

  const refusal = (at: number, start: number, why: string): UpstreamError =>
    new UpstreamError('rate_limited', `Upstream budget of ${perMinute} calls per minute ${why}.`, {
      retryAfterS: Math.max(1, Math.ceil((start - at) / 1000)),
    });

  const aborted = (signal: AbortSignal): UpstreamError =>
    new UpstreamError('timeout', 'The turn gave up while waiting for upstream budget.', {
      cause: signal.reason,
    });

  /** Sleeps, but rejects as soon as the turn's signal aborts. */
  const pause = (ms: number, signal: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(aborted(signal));
        return;
      }
      const onAbort = (): void => reject(aborted(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      void sleep(ms).then(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });

  /** Resolves when this turn may call the upstream; throws when it is refused or aborted. */
  const acquire = async (signal: AbortSignal): Promise<void> => {
    const arrived = now();
    const start = plan(arrived, 1).at(-1) ?? arrived;
    if (start <= arrived) {
      starts.push(arrived);
      return;
    }
    if (queue.length >= maxQueue) {
      throw refusal(arrived, start, 'is spent and the queue is full');
    }
    if (start - arrived > maxWaitMs) {
      throw refusal(arrived, start, 'is spent for longer than a turn may wait');
    }
    const waiter: Waiter = { deadline: arrived + maxWaitMs };
    queue.push(waiter);
    try {
      for (;;) {
        const at = now();
        const planned = plan(at, 0)[queue.indexOf(waiter)] ?? at;
        // Planned in queue order, so a due slot here leaves room for everyone ahead as well.
        if (planned <= at) {
          starts.push(at);
          return;
        }
        // Only an upstream 429 moves a plan later; past the deadline, say so instead of waiting.
        if (planned > waiter.deadline) {
          throw refusal(at, planned, 'is spent for longer than a turn may wait');
        }
        await pause(planned - at, signal);
      }
    } finally {
      queue.splice(queue.indexOf(waiter), 1);
    }
  };

  return {
    name: provider.name,
    async send(turn: UpstreamTurn): Promise<UpstreamReply> {
      if (turn.signal.aborted) throw aborted(turn.signal);
      await acquire(turn.signal);
      try {
        return await provider.send(turn);
      } catch (error) {
        if (error instanceof UpstreamError && error.failure === 'rate_limited') {
          // The upstream's own count wins over ours: treat the window as spent until it says.
          const waitMs = (error.retryAfterS ?? WINDOW_MS / 1000) * 1000;
          blockedUntil = Math.max(blockedUntil, now() + waitMs);
        }
        throw error;
      }
    },
  };
}
