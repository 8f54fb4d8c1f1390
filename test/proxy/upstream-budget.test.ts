import { array, assert, asyncProperty, integer } from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  UpstreamError,
  type Provider,
  type UpstreamReply,
  type UpstreamTurn,
} from '../../src/proxy/provider.ts';
import { withUpstreamBudget, type UpstreamBudgetOptions } from '../../src/proxy/upstream-budget.ts';

/** A clock that only moves when the test says so; `sleep` resolves when it passes the wake time. */
function fakeClock() {
  let time = 0;
  const timers: Array<{ at: number; wake: () => void }> = [];
  return {
    now: () => time,
    sleep: (ms: number) =>
      new Promise<void>((wake) => {
        timers.push({ at: time + ms, wake });
      }),
    /** Moves to `at` ms, waking each due sleeper at its own time, as real timers would. */
    async to(at: number) {
      // Whatever was started at the old time happens at the old time.
      await settle();
      for (;;) {
        const due = timers.reduce<(typeof timers)[number] | undefined>(
          (first, t) => (t.at <= at && (first === undefined || t.at < first.at) ? t : first),
          undefined,
        );
        if (due === undefined) break;
        timers.splice(timers.indexOf(due), 1);
        time = Math.max(time, due.at);
        due.wake();
        await settle();
      }
      time = at;
      await settle();
    },
  };
}

const settle = async () => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

type Outcome = UpstreamReply | UpstreamError;

/** A provider that records when each turn reached it and answers what the test scripts. */
function recordingProvider(clock: { now: () => number }) {
  const started: Array<{ text: string; at: number }> = [];
  const pending = new Map<string, (outcome: Outcome) => void>();
  let hold = false;
  const provider: Provider = {
    name: 'famulor',
    send: (turn) => {
      started.push({ text: turn.text, at: clock.now() });
      const reply: UpstreamReply = {
        reply: `re: ${turn.text}`,
        conversationKey: 'k',
        ordNumber: 0,
        handoff: false,
        conversationReset: false,
      };
      if (!hold) return Promise.resolve(reply);
      return new Promise((resolve, reject) => {
        pending.set(turn.text, (outcome) =>
          outcome instanceof UpstreamError ? reject(outcome) : resolve(outcome),
        );
      });
    },
  };
  return {
    provider,
    started,
    /** From now on turns stay open until `answer` is called for them. */
    holdAnswers: () => {
      hold = true;
    },
    answer: (text: string, outcome: Outcome) => pending.get(text)?.(outcome),
  };
}

const turn = (
  text: string,
  signal = new AbortController().signal,
  conversationKey?: string,
): UpstreamTurn => ({
  text,
  conversationKey,
  messageContext: undefined,
  metadata: undefined,
  signal,
});

/** Starts a turn and keeps its outcome observable without awaiting it. */
function track(promise: Promise<UpstreamReply>) {
  const state: { reply?: UpstreamReply; error?: unknown; done: boolean } = { done: false };
  promise.then(
    (reply) => Object.assign(state, { reply, done: true }),
    (error: unknown) => Object.assign(state, { error, done: true }),
  );
  return state;
}

function setup(options: Omit<UpstreamBudgetOptions, 'now' | 'sleep'>) {
  const clock = fakeClock();
  const upstream = recordingProvider(clock);
  const budget = withUpstreamBudget(upstream.provider, {
    ...options,
    now: clock.now,
    sleep: clock.sleep,
  });
  const send = (text: string, signal?: AbortSignal, conversation?: string) =>
    track(budget.send(turn(text, signal, conversation)));
  return { clock, upstream, budget, send };
}

/** Sends one turn at each of the given times (ms). */
async function sendAt(
  env: ReturnType<typeof setup>,
  times: number[],
  prefix = 'm',
): Promise<Array<ReturnType<typeof track>>> {
  const states = [];
  for (const [i, at] of times.entries()) {
    await env.clock.to(at);
    states.push(env.send(`${prefix}${i}`));
  }
  await settle();
  return states;
}

const rateLimited = (state: { error?: unknown }) => {
  expect(state.error).toBeInstanceOf(UpstreamError);
  const error = state.error as UpstreamError;
  expect(error.failure).toBe('rate_limited');
  return error;
};

describe('withUpstreamBudget', () => {
  it('lets perMinute turns through at once and keeps the provider name', async () => {
    const env = setup({ perMinute: 5, maxQueue: 3, maxWaitMs: 20_000 });
    const states = await sendAt(env, [0, 0, 0, 0, 0]);

    expect(env.budget.name).toBe('famulor');
    expect(states.map((s) => s.reply?.reply)).toEqual([
      're: m0',
      're: m1',
      're: m2',
      're: m3',
      're: m4',
    ]);
    expect(env.upstream.started.map((s) => s.at)).toEqual([0, 0, 0, 0, 0]);
  });

  it('queues the turn after a spent budget and starts it when the oldest call leaves the window', async () => {
    const env = setup({ perMinute: 5, maxQueue: 3, maxWaitMs: 30_000 });
    await sendAt(env, [0, 1000, 2000, 3000, 4000]);
    const [sixth, seventh] = await sendAt(env, [40_000, 41_000], 'late');

    await env.clock.to(59_999);
    expect(env.upstream.started).toHaveLength(5);
    expect(sixth?.done).toBe(false);

    await env.clock.to(60_000);
    expect(env.upstream.started.slice(5)).toEqual([{ text: 'late0', at: 60_000 }]);
    expect(sixth?.reply?.reply).toBe('re: late0');
    expect(seventh?.done).toBe(false);

    await env.clock.to(61_000);
    expect(env.upstream.started.slice(6)).toEqual([{ text: 'late1', at: 61_000 }]);
    expect(seventh?.reply?.reply).toBe('re: late1');
  });

  it('serves waiters first come, first served', async () => {
    const env = setup({ perMinute: 1, maxQueue: 5, maxWaitMs: 300_000 });
    await sendAt(env, [0]);
    await sendAt(env, [10_000, 10_000, 10_000], 'queued');

    await env.clock.to(60_000);
    await env.clock.to(120_000);
    await env.clock.to(180_000);

    expect(env.upstream.started).toEqual([
      { text: 'm0', at: 0 },
      { text: 'queued0', at: 60_000 },
      { text: 'queued1', at: 120_000 },
      { text: 'queued2', at: 180_000 },
    ]);
  });

  it('refuses at once with an honest retry-after when the queue is full', async () => {
    const env = setup({ perMinute: 5, maxQueue: 1, maxWaitMs: 60_000 });
    await sendAt(env, [0, 1000, 2000, 3000, 4000]);
    const [queued, refused] = await sendAt(env, [5000, 5000], 'x');

    expect(queued?.done).toBe(false);
    // The next slot frees at 60 s, 55 s from now (and the queued turn is first in line for it).
    expect(rateLimited(refused!).retryAfterS).toBe(55);
    expect(env.upstream.started).toHaveLength(5);
  });

  it('refuses at once when the next free slot is further away than maxWaitMs', async () => {
    const env = setup({ perMinute: 5, maxQueue: 10, maxWaitMs: 10_000 });
    await sendAt(env, [0, 0, 0, 0, 0]);
    const [early, late] = await sendAt(env, [29_500, 50_000], 'x');

    // The slot frees up at 60 s: 30.5 s away, rounded up to whole seconds.
    expect(rateLimited(early!).retryAfterS).toBe(31);
    expect(late?.done).toBe(false);
    await env.clock.to(60_000);
    expect(late?.reply?.reply).toBe('re: x1');
    expect(env.upstream.started.map((s) => s.text)).not.toContain('x0');
  });

  it('treats the window as spent until the upstream 429 says it is free again', async () => {
    const env = setup({ perMinute: 5, maxQueue: 10, maxWaitMs: 45_000 });
    env.upstream.holdAnswers();
    const [first] = await sendAt(env, [0]);
    env.upstream.answer(
      'm0',
      new UpstreamError('rate_limited', 'upstream 429', { status: 429, retryAfterS: 40 }),
    );
    await settle();
    expect(rateLimited(first!).status).toBe(429);

    const [waiting] = await sendAt(env, [1000], 'after');
    await env.clock.to(39_999);
    expect(env.upstream.started).toHaveLength(1);
    await env.clock.to(40_000);
    expect(env.upstream.started[1]).toEqual({ text: 'after0', at: 40_000 });
    env.upstream.answer('after0', {
      reply: 'ok',
      conversationKey: 'k',
      ordNumber: 0,
      handoff: false,
      conversationReset: false,
    });
    await settle();
    expect(waiting?.reply?.reply).toBe('ok');
  });

  it('assumes a full minute when the upstream 429 names no wait', async () => {
    const env = setup({ perMinute: 5, maxQueue: 10, maxWaitMs: 10_000 });
    env.upstream.holdAnswers();
    await sendAt(env, [0]);
    env.upstream.answer('m0', new UpstreamError('rate_limited', 'upstream 429', { status: 429 }));
    await settle();

    const [refused] = await sendAt(env, [5000], 'x');
    expect(rateLimited(refused!).retryAfterS).toBe(55);
  });

  it('refuses a queued turn, by its planned start, when an upstream 429 pushes it past maxWaitMs', async () => {
    const env = setup({ perMinute: 1, maxQueue: 5, maxWaitMs: 20_000 });
    env.upstream.holdAnswers();
    await sendAt(env, [0]);
    const [queued] = await sendAt(env, [50_000], 'q');

    await env.clock.to(51_000);
    env.upstream.answer(
      'm0',
      new UpstreamError('rate_limited', 'upstream 429', { status: 429, retryAfterS: 60 }),
    );
    await env.clock.to(59_999);
    expect(queued?.done).toBe(false);

    // It wakes when its slot was planned (60 s), sees the upstream's ban until 111 s, and gives up.
    await env.clock.to(60_000);
    expect(rateLimited(queued!).retryAfterS).toBe(51);
    await env.clock.to(200_000);
    expect(env.upstream.started).toHaveLength(1);
  });

  it('keeps a queued turn waiting through an upstream 429 that still lets it start in time', async () => {
    const env = setup({ perMinute: 1, maxQueue: 5, maxWaitMs: 30_000 });
    env.upstream.holdAnswers();
    await sendAt(env, [0]);
    const [queued] = await sendAt(env, [50_000], 'q');
    env.upstream.answer(
      'm0',
      new UpstreamError('rate_limited', 'upstream 429', { status: 429, retryAfterS: 25 }),
    );

    await env.clock.to(74_999);
    expect(env.upstream.started).toHaveLength(1);
    await env.clock.to(75_000);
    expect(env.upstream.started[1]).toEqual({ text: 'q0', at: 75_000 });
    expect(queued?.done).toBe(false);
  });

  it('drops a queued turn whose signal aborts, and the next one takes its place', async () => {
    const env = setup({ perMinute: 2, maxQueue: 1, maxWaitMs: 20_000 });
    await sendAt(env, [0, 0]);
    const controller = new AbortController();
    await env.clock.to(50_000);
    const aborted = env.send('aborted', controller.signal);
    await settle();

    controller.abort(new DOMException('upstream timeout', 'TimeoutError'));
    await settle();
    expect((aborted.error as UpstreamError).failure).toBe('timeout');

    // The queue of one is free again.
    const next = env.send('next');
    await env.clock.to(60_000);
    expect(next.reply?.reply).toBe('re: next');
    expect(env.upstream.started.map((s) => s.text)).toEqual(['m0', 'm1', 'next']);
  });

  it('does not call the upstream for a turn that is already aborted', async () => {
    const env = setup({ perMinute: 5, maxQueue: 1, maxWaitMs: 1000 });
    const state = env.send('late', AbortSignal.abort());
    await settle();

    expect((state.error as UpstreamError).failure).toBe('timeout');
    expect(env.upstream.started).toEqual([]);
  });

  it('rejects a budget that could never let a call through', () => {
    const { provider } = recordingProvider({ now: () => 0 });
    expect(() => withUpstreamBudget(provider, { perMinute: 0, maxQueue: 1, maxWaitMs: 1 })).toThrow(
      /perMinute/,
    );
    expect(() =>
      withUpstreamBudget(provider, { perMinute: 5, maxQueue: -1, maxWaitMs: 1 }),
    ).toThrow(/maxQueue/);
    expect(() =>
      withUpstreamBudget(provider, { perMinute: 5, maxQueue: 1, maxWaitMs: Number.NaN }),
    ).toThrow(/maxWaitMs/);
  });

  it('never starts more than perMinute calls in any minute, nor keeps a turn waiting past maxWaitMs', async () => {
    await assert(
      asyncProperty(
        integer({ min: 1, max: 6 }),
        integer({ min: 0, max: 4 }),
        integer({ min: 0, max: 70_000 }),
        array(integer({ min: 0, max: 30_000 }), { minLength: 1, maxLength: 25 }),
        async (perMinute, maxQueue, maxWaitMs, gaps) => {
          const env = setup({ perMinute, maxQueue, maxWaitMs });
          const arrivals: number[] = [];
          let at = 0;
          const states = [];
          for (const [i, gap] of gaps.entries()) {
            at += gap;
            await env.clock.to(at);
            arrivals.push(at);
            states.push(env.send(`t${i}`));
          }
          // Let every queued turn come due.
          for (let step = 1; step <= 10; step += 1) await env.clock.to(at + step * 60_000);

          const starts = env.upstream.started.map((s) => s.at);
          for (const start of starts) {
            expect(
              starts.filter((s) => s >= start && s < start + 60_000).length,
            ).toBeLessThanOrEqual(perMinute);
          }
          const faults = states.flatMap((state, i) => {
            const started = env.upstream.started.find((s) => s.text === `t${i}`);
            if (!state.done) return [`t${i} never settled`];
            if (started !== undefined) {
              const waited = started.at - (arrivals[i] ?? 0);
              return waited <= maxWaitMs ? [] : [`t${i} waited ${waited} ms`];
            }
            const error = state.error;
            const honest =
              error instanceof UpstreamError &&
              error.failure === 'rate_limited' &&
              (error.retryAfterS ?? 0) >= 1;
            return honest ? [] : [`t${i} failed without a retry-after`];
          });
          expect(faults).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('withUpstreamBudget sharing the budget fairly', () => {
  /** Sends a later turn of `conversation` at `at` ms. */
  const later = async (
    env: ReturnType<typeof setup>,
    at: number,
    conversation: string,
    text: string,
  ) => {
    await env.clock.to(at);
    const state = env.send(text, undefined, conversation);
    await settle();
    return state;
  };

  it('lets one conversation start at most half the budget, and leaves the rest to others', async () => {
    const env = setup({ perMinute: 5, maxQueue: 10, maxWaitMs: 15_000 });
    const busy = [];
    for (let i = 0; i < 4; i += 1) busy.push(await later(env, i * 1000, 'busy', `busy${i}`));
    const other = await later(env, 5000, 'other', 'other0');

    expect(env.upstream.started.map((s) => s.text)).toEqual(['busy0', 'busy1', 'other0']);
    expect(rateLimited(busy[2]!).message).toContain('this conversation has used its 2 a minute');
    expect(other.done).toBe(true);
  });

  it("counts a new conversation's first message in that conversation's share", async () => {
    const env = setup({ perMinute: 5, maxQueue: 10, maxWaitMs: 15_000 });
    const [first] = await sendAt(env, [0]);
    expect(first?.reply?.conversationKey).toBe('k');
    const second = await later(env, 1000, 'k', 'second');
    const third = await later(env, 2000, 'k', 'third');

    expect(second.done && second.error === undefined).toBe(true);
    expect(rateLimited(third).retryAfterS).toBeGreaterThan(15);
    expect(env.upstream.started).toHaveLength(2);
  });

  it("serves a new conversation's first message ahead of a busy conversation's later turn", async () => {
    const env = setup({ perMinute: 4, maxQueue: 10, maxWaitMs: 45_000 });
    await sendAt(env, [0, 10_000, 20_000, 30_000]);
    const turn = await later(env, 31_000, 'busy', 'later turn');
    const [newcomer] = await sendAt(env, [32_000], 'first message ');

    await env.clock.to(75_000);
    expect(env.upstream.started.slice(4)).toEqual([
      { text: 'first message 0', at: 60_000 },
      { text: 'later turn', at: 70_250 },
    ]);
    expect([newcomer?.done, turn.done]).toEqual([true, true]);
  });

  it('keeps at most one turn of a conversation waiting, refusing a second at once', async () => {
    const env = setup({ perMinute: 2, maxQueue: 10, maxWaitMs: 60_000 });
    await sendAt(env, [0, 1000]);
    const waiting = await later(env, 2000, 'c', 'c0');
    const second = await later(env, 3000, 'c', 'c1');
    const elsewhere = await later(env, 4000, 'd', 'd0');

    expect(waiting.done).toBe(false);
    expect(rateLimited(second).message).toContain('already has a message waiting');
    expect(elsewhere.done).toBe(false);
    await env.clock.to(62_000);
    expect(env.upstream.started.slice(2).map((s) => s.text)).toEqual(['c0', 'd0']);
  });
});
