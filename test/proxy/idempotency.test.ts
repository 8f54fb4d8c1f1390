import { afterEach, describe, expect, it } from 'vitest';
import { createIdempotency } from '../../src/proxy/idempotency.ts';
import { createMemoryStore } from '../../src/proxy/state/memory-store.ts';
import { createMemoryRateLimiter } from '../../src/proxy/state/memory-rate-limiter.ts';
import type { ChatReply } from '../../src/core/protocol.ts';
import { UpstreamError } from '../../src/proxy/provider.ts';
import { errorOf, send, startHarness, type Harness } from '../support/proxy-harness.ts';

let harness: Harness;
afterEach(() => harness?.close());

const ID = '5b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';

describe('a repeated client_message_id', () => {
  it('gets the first answer again without a second upstream call', async () => {
    harness = await startHarness();
    const first = await send(harness.handler, { text: 'Hi', client_message_id: ID });
    const again = await send(harness.handler, { text: 'Hi', client_message_id: ID });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(harness.upstream.requests).toHaveLength(1);
    expect(harness.logs.at(-1)).toMatchObject({ replayed: true });
  });

  it('lets a concurrent duplicate wait for the call in flight', async () => {
    harness = await startHarness();
    let release = () => {};
    harness.upstream.script({
      kind: 'reply',
      after: new Promise((resolve) => (release = resolve)),
    });
    const first = send(harness.handler, { text: 'Hi', client_message_id: ID });
    const second = send(harness.handler, { text: 'Hi', client_message_id: ID });
    // The first call is held upstream; the duplicate, started alongside, is waiting by now.
    await harness.upstream.received(1);
    await new Promise((resolve) => setImmediate(resolve));
    release();
    const [one, two] = await Promise.all([first, second]);
    expect(one.body).toEqual(two.body);
    expect(harness.upstream.requests).toHaveLength(1);
  });

  it('is scoped to its conversation', async () => {
    harness = await startHarness();
    const first = await send(harness.handler, { text: 'Hi', client_message_id: ID });
    await send(harness.handler, {
      text: 'Hi',
      client_message_id: ID,
      conversation: first.body['conversation'],
    });
    expect(harness.upstream.requests).toHaveLength(2);
  });

  it('replays a first message retried from another address (a phone switching networks)', async () => {
    harness = await startHarness();
    const wifi = await send(
      harness.handler,
      { text: 'Hi', client_message_id: ID },
      { clientIp: '192.0.2.1' },
    );
    const mobile = await send(
      harness.handler,
      { text: 'Hi', client_message_id: ID },
      { clientIp: '198.51.100.9' },
    );
    expect(mobile.body).toEqual(wifi.body);
    expect(harness.upstream.requests).toHaveLength(1);
  });

  it('is forgotten after ten minutes', async () => {
    let now = 1_700_000_000_000;
    harness = await startHarness({ now: () => now });
    await send(harness.handler, { text: 'Hi', client_message_id: ID });
    now += 10 * 60_000;
    await send(harness.handler, { text: 'Hi', client_message_id: ID });
    expect(harness.upstream.requests).toHaveLength(2);
  });

  it('is sent upstream again after a failed first attempt', async () => {
    harness = await startHarness();
    harness.upstream.script({ kind: 'status', status: 500 });
    const failed = await send(harness.handler, { text: 'Hi', client_message_id: ID });
    expect(failed.status).toBe(502);
    const retried = await send(harness.handler, { text: 'Hi', client_message_id: ID });
    expect(retried.status).toBe(200);
    expect(harness.upstream.requests).toHaveLength(2);
  });
});

describe('an id reused for another message', () => {
  it('is refused with 422 idempotency_mismatch, never reaching the upstream nor showing the first answer', async () => {
    harness = await startHarness();
    const first = await send(harness.handler, {
      text: 'My order number is 4711',
      client_message_id: ID,
    });
    const other = await send(harness.handler, {
      text: 'What did they say?',
      client_message_id: ID,
    });
    expect(other.status).toBe(422);
    expect(errorOf(other.body)).toMatchObject({
      code: 'idempotency_mismatch',
      field: 'client_message_id',
    });
    expect(JSON.stringify(other.body)).not.toContain(String(first.body['conversation']));
    expect(harness.upstream.requests).toHaveLength(1);
  });

  it('is refused while the first message is still upstream', async () => {
    harness = await startHarness();
    let release = () => {};
    harness.upstream.script({
      kind: 'reply',
      after: new Promise((resolve) => (release = resolve)),
    });
    const first = send(harness.handler, { text: 'Hi', client_message_id: ID });
    await harness.upstream.received(1);
    const other = await send(harness.handler, { text: 'Bye', client_message_id: ID });
    release();
    expect(other.status).toBe(422);
    expect((await first).status).toBe(200);
    expect(harness.upstream.requests).toHaveLength(1);
  });

  it('is refused when it is not a UUID, naming the field', async () => {
    harness = await startHarness();
    const refused = await send(harness.handler, { text: 'Hi', client_message_id: 'msg-00000001' });
    expect(refused.status).toBe(400);
    expect(errorOf(refused.body)).toMatchObject({
      code: 'bad_request',
      field: 'client_message_id',
    });
    expect(harness.upstream.requests).toHaveLength(0);
  });
});

describe('a retry after the proxy answered 504', () => {
  it("gets the first attempt's answer, which kept running upstream", async () => {
    harness = await startHarness({ upstreamTimeoutMs: 1_000 });
    let release = () => {};
    harness.upstream.script({
      kind: 'reply',
      after: new Promise((resolve) => (release = resolve)),
    });
    const timedOut = await send(harness.handler, { text: 'Hi', client_message_id: ID });
    expect(timedOut.status).toBe(504);
    const retry = send(harness.handler, { text: 'Hi', client_message_id: ID });
    release();
    const answered = await retry;
    expect(answered.status).toBe(200);
    expect(answered.body['reply']).toEqual(expect.any(String));
    expect(harness.upstream.requests).toHaveLength(1);
  });

  it('is sent upstream once the hung first attempt gives up while the retry waits for it', async () => {
    // The first attempt may hang upstream until twice this deadline (1 s → 2 s); the retry arrives
    // half a deadline after the 504, joins it, and still has half a deadline when it gives up.
    harness = await startHarness({ upstreamTimeoutMs: 1_000 });
    harness.upstream.script({ kind: 'hang' });
    expect((await send(harness.handler, { text: 'Hi', client_message_id: ID })).status).toBe(504);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const answered = await send(harness.handler, { text: 'Hi', client_message_id: ID });
    expect(answered.status).toBe(200);
    expect(harness.logs.at(-1)).toMatchObject({ replayed: false });
    expect(harness.upstream.requests).toHaveLength(2);
  });

  it('gets the stored answer when the attempt finished in between', async () => {
    harness = await startHarness({ upstreamTimeoutMs: 1_000 });
    let release = () => {};
    harness.upstream.script({
      kind: 'reply',
      after: new Promise((resolve) => (release = resolve)),
    });
    expect((await send(harness.handler, { text: 'Hi', client_message_id: ID })).status).toBe(504);
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const answered = await send(harness.handler, { text: 'Hi', client_message_id: ID });
    expect(answered.status).toBe(200);
    expect(harness.logs.at(-1)).toMatchObject({ replayed: true });
    expect(harness.upstream.requests).toHaveLength(1);
  });
});

describe('createIdempotency', () => {
  const reply: ChatReply = {
    conversation: 't',
    reply: 'r',
    ord_number: 1,
    handoff: false,
    conversation_reset: false,
  };
  const options = { ttlMs: 60_000, waitMs: 60_000, attemptMs: 120_000 };
  /** A send that does not settle until told, and counts its calls. */
  const heldSend = () => {
    const held = { calls: 0, fail: (_error: Error) => {}, answer: () => {} };
    const send = () => {
      held.calls += 1;
      return new Promise<ChatReply>((resolve, reject) => {
        held.fail = reject;
        held.answer = () => resolve(reply);
      });
    };
    return { held, send };
  };

  it('runs each key once while answers are kept', async () => {
    const idempotency = createIdempotency(createMemoryStore(), options);
    let calls = 0;
    const sendOnce = async () => {
      calls += 1;
      return reply;
    };
    await idempotency.run('k', 'f', sendOnce);
    const second = await idempotency.run('k', 'f', sendOnce);
    expect(second).toEqual({ reply, text: JSON.stringify(reply), replayed: true });
    expect(calls).toBe(1);
  });

  it('stores the answer as the same JSON as before, so instances of other versions read it', async () => {
    const store = createMemoryStore();
    const idempotency = createIdempotency(store, options);
    const first = await idempotency.run('k', 'f"\\', async () => reply);
    expect(first).toEqual({ reply, text: JSON.stringify(reply), replayed: false });
    expect(await store.get('k')).toBe(
      JSON.stringify({ state: 'done', fingerprint: 'f"\\', reply }),
    );
  });

  it('sends a waiting duplicate itself when the attempt it joined ends without an answer', async () => {
    const idempotency = createIdempotency(createMemoryStore(), options);
    const first = heldSend();
    const failed = idempotency.run('k', 'f', first.send);
    let retried = 0;
    const retry = idempotency.run('k', 'f', async () => {
      retried += 1;
      return reply;
    });
    const another = idempotency.run('k', 'f', async () => {
      retried += 1;
      return reply;
    });
    await Promise.resolve();
    expect(first.held.calls).toBe(1);
    first.held.fail(new UpstreamError('timeout', 'hung'));
    await expect(failed).rejects.toThrow('hung');
    const outcomes = await Promise.all([retry, another]);
    // One of the two waiting requests sent it; the other joined that attempt.
    expect(outcomes.filter((outcome) => outcome.replayed)).toHaveLength(1);
    expect(retried).toBe(1);
  });

  it('sends nothing new for a duplicate whose own deadline passed while it waited', async () => {
    const store = createMemoryStore();
    const first = heldSend();
    const patient = createIdempotency(store, options);
    const hasty = createIdempotency(store, { ...options, waitMs: 20 });
    const failed = patient.run('k', 'f', first.send);
    let late = 0;
    const lateSend = async () => {
      late += 1;
      return reply;
    };
    await expect(hasty.run('k', 'f', lateSend)).rejects.toThrow(UpstreamError);
    first.held.fail(new UpstreamError('timeout', 'hung'));
    await expect(failed).rejects.toThrow('hung');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(late).toBe(0);
  });

  it('hands each attempt it starts to keepAlive, which ends once the answer is stored', async () => {
    const store = createMemoryStore();
    const idempotency = createIdempotency(store, { ...options, waitMs: 20 });
    const first = heldSend();
    const kept: Array<Promise<unknown>> = [];
    await expect(idempotency.run('k', 'f', first.send, (work) => kept.push(work))).rejects.toThrow(
      UpstreamError,
    );
    expect(kept).toHaveLength(1);
    first.held.answer();
    await kept[0];
    expect(JSON.parse((await store.get('k')) ?? '{}')).toMatchObject({ state: 'done', reply });
  });

  it('takes the limits with the claim: a replay takes nothing, a refusal is a 429 that sends nothing', async () => {
    const idempotency = createIdempotency(createMemoryStore(), options);
    const limits = [{ limiter: createMemoryRateLimiter({ perMinute: 1 }), key: 'ip' }];
    let calls = 0;
    const sendOnce = async () => {
      calls += 1;
      return reply;
    };
    expect((await idempotency.run('k', 'f', sendOnce, undefined, limits)).replayed).toBe(false);
    expect((await idempotency.run('k', 'f', sendOnce, undefined, limits)).replayed).toBe(true);
    await expect(idempotency.run('k2', 'f', sendOnce, undefined, limits)).rejects.toMatchObject({
      status: 429,
      code: 'rate_limited',
    });
    expect(calls).toBe(1);
    // The refused id was released: once the limit allows again, it is sent.
    expect((await idempotency.run('k2', 'f', sendOnce, undefined, [])).replayed).toBe(false);
  });

  it('answers before its answer is stored; a retry meanwhile waits for it, here or on another instance', async () => {
    const memory = createMemoryStore();
    let release = () => {};
    const written = new Promise<void>((done) => (release = done));
    // A shared store whose write of the answer has not arrived yet.
    const store = {
      ...memory,
      set: async (...args: Parameters<typeof memory.set>) => {
        await written;
        return memory.set(...args);
      },
    };
    const one = createIdempotency(store, options);
    const other = createIdempotency(store, options);
    let calls = 0;
    const sendOnce = async () => {
      calls += 1;
      return reply;
    };
    expect(await one.run('k', 'f', sendOnce)).toEqual({
      reply,
      text: JSON.stringify(reply),
      replayed: false,
    });
    const here = one.run('k', 'f', sendOnce);
    const there = other.run('k', 'f', sendOnce);
    // The other instance finds the claim still pending and polls; give it a poll or two.
    await new Promise((done) => setTimeout(done, 250));
    release();
    expect(await here).toEqual({ reply, text: JSON.stringify(reply), replayed: true });
    expect(await there).toEqual({ reply, text: JSON.stringify(reply), replayed: true });
    expect(calls).toBe(1);
  });

  it('sends a duplicate on another instance itself when the claim it waited for is released', async () => {
    const store = createMemoryStore();
    const first = heldSend();
    const one = createIdempotency(store, options);
    const other = createIdempotency(store, options);
    const failed = one.run('k', 'f', first.send);
    await Promise.resolve();
    let retried = 0;
    const retry = other.run('k', 'f', async () => {
      retried += 1;
      return reply;
    });
    first.held.fail(new UpstreamError('unavailable', 'down'));
    await expect(failed).rejects.toThrow('down');
    expect(await retry).toEqual({ reply, text: JSON.stringify(reply), replayed: false });
    expect(retried).toBe(1);
  });
});
