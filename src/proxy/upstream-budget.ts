import { BUDGET_WINDOW_MS, LATER_TURN_DELAY_MS, conversationShare } from './fair-share.ts';
import { abortedWhileWaiting, pause } from './budget-wait.ts';
import { UpstreamError, type Provider, type UpstreamReply, type UpstreamTurn } from './provider.ts';
import { createMemoryState } from './state/memory-state.ts';
import type { ProxyState, Reservation } from './state/types.ts';

/** How many upstream calls a {@link withUpstreamBudget} provider may start, and how long one waits. */
export interface UpstreamBudgetOptions {
  /** Calls allowed to start in any 60-second window (Famulor: 5 per API token). */
  perMinute: number;
  /** Most turns waiting for a slot at once in this instance; one more is refused at once. */
  maxQueue: number;
  /** Longest a turn may wait for a slot; a turn that would wait longer is refused at once. */
  maxWaitMs: number;
  /**
   * The budget's name in `state`: the same for every instance using one upstream token, and never
   * the token itself (see {@link budgetKeyOf}).
   * @default 'budget'
   */
  key?: string | Promise<string>;
  /**
   * Where starts are counted and waiting turns are marked; a shared state makes the budget one for
   * every instance.
   * @default this process's memory
   */
  state?: Pick<ProxyState, 'budget' | 'store'>;
  /**
   * Added to the 60-second window, so calls counted on the state's one clock still reach the
   * upstream more than a minute apart, whatever each instance's latency. 0 on one instance.
   * @default 0
   */
  marginMs?: number;
  /** The clock, in milliseconds. @default Date.now */
  now?: () => number;
  /** Waits the given milliseconds; tests inject a clock-driven one. @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

/** A budget name for an upstream token: a SHA-256 prefix, so no store ever holds the token. */
export async function budgetKeyOf(provider: string, token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0'));
  return `budget:${provider}:${hex.join('').slice(0, 32)}`;
}

/**
 * Wraps a provider in a budget of upstream starts shared by every visitor, so a busy site answers
 * 429 with an honest `Retry-After` instead of burning the upstream quota into the upstream's own
 * 429s, and shares it fairly (`./fair-share.ts`): a conversation starts at most half the budget a
 * minute, has at most one turn waiting, and a new conversation's first message is served ahead of
 * later turns. A turn that would wait past `maxWaitMs` is refused with `rate_limited`.
 *
 * Each waiting turn sleeps on its own timer and asks the state again, rather than being woken by
 * another request: Workers cancel work that one request resolves on behalf of another, and the
 * state may be shared with instances this one knows nothing of.
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
  const { budget, store } = options.state ?? createMemoryState({ now });
  const windowMs = BUDGET_WINDOW_MS + (options.marginMs ?? 0);
  const share = conversationShare(perMinute);
  /** Turns of this instance waiting now. */
  let waiting = 0;

  const refusal = (retryAfterMs: number, why: string): UpstreamError =>
    new UpstreamError('rate_limited', `Upstream budget of ${perMinute} calls per minute: ${why}.`, {
      retryAfterS: Math.max(1, Math.ceil(retryAfterMs / 1000)),
    });

  /** Resolves when this turn may call the upstream; throws when it is refused or aborted. */
  const acquire = async (turn: UpstreamTurn, key: string): Promise<void> => {
    const deadline = now() + maxWaitMs;
    const conversation = turn.conversationKey;
    const delay = conversation === undefined ? 0 : LATER_TURN_DELAY_MS;
    const marker = `${key}:waiting:${conversation ?? ''}`;
    let queued = false;
    let mark: string | undefined;

    /** Counts this turn as waiting, or refuses it: queue full, or its conversation has one. */
    const enqueue = async (retryAfterMs: number): Promise<void> => {
      if (waiting >= maxQueue) throw refusal(retryAfterMs, 'it is spent and the queue is full');
      if (conversation !== undefined) {
        const id = crypto.randomUUID();
        if (!(await store.add(marker, id, maxWaitMs + 1_000))) {
          throw refusal(retryAfterMs, 'this conversation already has a message waiting');
        }
        mark = id;
      }
      waiting += 1;
      queued = true;
    };

    /** Asks until `reserve` succeeds, waiting in between while the deadline allows. */
    const obtain = async (reserve: () => Promise<Reservation>, why: string): Promise<void> => {
      for (;;) {
        const outcome = await reserve();
        if (outcome.reserved) return;
        const at = now();
        if (at + outcome.retryAfterMs + delay > deadline) throw refusal(outcome.retryAfterMs, why);
        if (!queued) await enqueue(outcome.retryAfterMs);
        await pause(sleep, outcome.retryAfterMs + delay, turn.signal);
      }
    };

    try {
      if (conversation !== undefined) {
        // Checked before the share is taken, so a second message refused here costs no share.
        if ((await store.get(marker)) !== undefined) {
          throw refusal(maxWaitMs, 'this conversation already has a message waiting');
        }
        await obtain(
          () => budget.reserve(`${key}:conversation:${conversation}`, share, BUDGET_WINDOW_MS),
          `this conversation has used its ${share} a minute`,
        );
      }
      await obtain(
        () => budget.reserve(key, perMinute, windowMs),
        'it is spent for longer than a turn may wait',
      );
    } finally {
      if (queued) waiting -= 1;
      if (mark !== undefined) await store.deleteIfValue(marker, mark);
    }
  };

  return {
    name: provider.name,
    async send(turn: UpstreamTurn): Promise<UpstreamReply> {
      if (turn.signal.aborted) throw abortedWhileWaiting(turn.signal);
      const key = await (options.key ?? 'budget');
      await acquire(turn, key);
      try {
        const reply = await provider.send(turn);
        if (turn.conversationKey === undefined) {
          // A first message had no conversation to count against; it counts now, so the
          // conversation's share covers every one of its calls.
          await budget.reserve(
            `${key}:conversation:${reply.conversationKey}`,
            share,
            BUDGET_WINDOW_MS,
          );
        }
        return reply;
      } catch (error) {
        if (error instanceof UpstreamError && error.failure === 'rate_limited') {
          // The upstream's own count wins over ours: the budget is spent until it says.
          await budget.block(key, (error.retryAfterS ?? BUDGET_WINDOW_MS / 1000) * 1000);
        }
        throw error;
      }
    },
  };
}
