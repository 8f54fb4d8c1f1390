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

interface Waiter {
  deadline: number;
  grant: () => void;
  refuse: (error: UpstreamError) => void;
}

/**
 * Wraps a provider in a sliding-window budget shared by every visitor behind the proxy, so a busy
 * site answers 429 with an honest `Retry-After` instead of burning the upstream quota into the
 * upstream's own 429s. When the budget is spent a turn queues briefly (FIFO); past the queue or its
 * wait limit it is refused with `rate_limited` and the seconds until it could have started.
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
  let pumping = false;

  /** When the next call after `planned` (start times already promised) may start. */
  const slotAfter = (planned: readonly number[], at: number): number => {
    const recent = planned.length >= perMinute ? planned[planned.length - perMinute] : undefined;
    return Math.max(at, blockedUntil, recent === undefined ? at : recent + WINDOW_MS);
  };

  /** Forgets calls that left the window, so their slots count as free. */
  const prune = (at: number): void => {
    while (starts.length > 0 && (starts[0] ?? 0) <= at - WINDOW_MS) starts.shift();
  };

  /** Start times the queued turns would get, in queue order; `extra` more plan past the queue. */
  const plan = (at: number, extra: number): number[] => {
    prune(at);
    const planned = [...starts];
    const times: number[] = [];
    for (let i = 0; i < queue.length + extra; i += 1) {
      const t = slotAfter(planned, at);
      planned.push(t);
      times.push(t);
    }
    return times;
  };

  const refusal = (at: number, start: number, why: string): UpstreamError =>
    new UpstreamError('rate_limited', `Upstream budget of ${perMinute} calls per minute ${why}.`, {
      retryAfterS: Math.max(1, Math.ceil((start - at) / 1000)),
    });

  /** Refuses the waiters that an upstream 429 pushed past their wait limit, at once. */
  const refuseOverdue = (at: number): void => {
    const times = plan(at, 0);
    // From the back, so the plan of those before stays as computed.
    for (let i = queue.length - 1; i >= 0; i -= 1) {
      const waiter = queue[i];
      const start = times[i];
      if (waiter !== undefined && start !== undefined && start > waiter.deadline) {
        queue.splice(i, 1);
        waiter.refuse(refusal(at, start, 'is spent for longer than a turn may wait'));
      }
    }
  };

  /** Grants due slots in FIFO order, sleeping until the next one frees up. */
  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        const at = now();
        refuseOverdue(at);
        const head = queue[0];
        if (head === undefined) break;
        const next = slotAfter(starts, at);
        if (next <= at) {
          queue.shift();
          starts.push(at);
          head.grant();
        } else {
          await sleep(next - at);
        }
      }
    } finally {
      pumping = false;
    }
  };

  /** Resolves when this turn may call the upstream; throws when it is refused or aborted. */
  const acquire = (signal: AbortSignal): Promise<void> => {
    const at = now();
    prune(at);
    if (queue.length === 0 && slotAfter(starts, at) <= at) {
      starts.push(at);
      return Promise.resolve();
    }
    const start = plan(at, 1).at(-1) ?? at;
    if (queue.length >= maxQueue) {
      return Promise.reject(refusal(at, start, 'is spent and the queue is full'));
    }
    if (start - at > maxWaitMs) {
      return Promise.reject(refusal(at, start, 'is spent for longer than a turn may wait'));
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
        reject(
          new UpstreamError('timeout', 'The turn gave up while waiting for upstream budget.', {
            cause: signal.reason,
          }),
        );
      };
      const waiter: Waiter = {
        deadline: at + maxWaitMs,
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        refuse: (error) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      queue.push(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
      void pump();
    });
  };

  return {
    name: provider.name,
    async send(turn: UpstreamTurn): Promise<UpstreamReply> {
      if (turn.signal.aborted) {
        throw new UpstreamError('timeout', 'The turn was aborted before it started.', {
          cause: turn.signal.reason,
        });
      }
      await acquire(turn.signal);
      try {
        return await provider.send(turn);
      } catch (error) {
        if (error instanceof UpstreamError && error.failure === 'rate_limited') {
          // The upstream's own count wins over ours: treat the window as spent until it says.
          const waitMs = (error.retryAfterS ?? WINDOW_MS / 1000) * 1000;
          const at = now();
          blockedUntil = Math.max(blockedUntil, at + waitMs);
          refuseOverdue(at);
        }
        throw error;
      }
    },
  };
}
