import { afterEach, describe, expect, it } from 'vitest';
import type { Provider } from '../../src/proxy/provider.ts';
import { DEFAULT_RETRY_POLICY } from '../../src/proxy/retry-policy.ts';
import { callUpstream } from '../../src/proxy/upstream-call.ts';
import {
  TEST_API_KEY,
  TEST_SCENARIO,
  errorOf,
  send,
  startHarness,
  type Harness,
} from '../support/proxy-harness.ts';
import { closedPort } from '../support/closed-port.ts';
import { TRANSPORTS } from '../support/transports.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const unavailable = { kind: 'status', status: 503, body: { detail: 'maintenance' } } as const;

describe.each(TRANSPORTS)('retries over %s', (_transport, make) => {
  it('rides out two 503s with jittered backoff, invisible to the visitor', async () => {
    harness = await startHarness({ transport: make() });
    harness.upstream.script(unavailable, unavailable);
    const { status, body } = await send(harness.handler, { text: 'Hi' });
    expect(status).toBe(200);
    expect(body['reply']).toBe('Hello! You said: Hi');
    expect(harness.upstream.requests).toHaveLength(3);
    // random() = 0.5 of the full-jitter ceilings 100 ms and 200 ms.
    expect(harness.sleeps).toEqual([50, 100]);
  });

  it('gives up on 503 after the bounded attempts with 503 and Retry-After', async () => {
    harness = await startHarness({ transport: make() });
    harness.upstream.script(unavailable, unavailable, unavailable, unavailable, unavailable);
    const { status, body, headers } = await send(harness.handler, { text: 'Hi' });
    expect(status).toBe(503);
    expect(errorOf(body)['code']).toBe('upstream_unavailable');
    expect(headers.get('retry-after')).toMatch(/^\d+$/);
    expect(harness.upstream.requests).toHaveLength(4);
  });

  it('waits out a short Retry-After on 429 and tries once more', async () => {
    harness = await startHarness({ transport: make() });
    harness.upstream.script({ kind: 'status', status: 429, headers: { 'retry-after': '2' } });
    const { status } = await send(harness.handler, { text: 'Hi' });
    expect(status).toBe(200);
    expect(harness.sleeps).toEqual([2000]);
    expect(harness.upstream.requests).toHaveLength(2);
  });

  it('answers 429 with the upstream wait when it is too long to hold the visitor', async () => {
    harness = await startHarness({ transport: make() });
    harness.upstream.script({ kind: 'status', status: 429, headers: { 'retry-after': '60' } });
    const { status, body, headers } = await send(harness.handler, { text: 'Hi' });
    expect(status).toBe(429);
    expect(headers.get('retry-after')).toBe('60');
    expect(errorOf(body)).toMatchObject({ code: 'rate_limited', retry_after_s: 60 });
    expect(harness.upstream.requests).toHaveLength(1);
    expect(harness.sleeps).toEqual([]);
  });

  it('answers 429 without retrying when the upstream gave no Retry-After', async () => {
    harness = await startHarness({ transport: make() });
    harness.upstream.script({ kind: 'status', status: 429 });
    const { status, headers } = await send(harness.handler, { text: 'Hi' });
    expect(status).toBe(429);
    expect(headers.get('retry-after')).toMatch(/^\d+$/);
    expect(harness.upstream.requests).toHaveLength(1);
  });

  it('retries only once after a second 429', async () => {
    harness = await startHarness({ transport: make() });
    const busy = { kind: 'status', status: 429, headers: { 'retry-after': '1' } } as const;
    harness.upstream.script(busy, busy);
    const { status } = await send(harness.handler, { text: 'Hi' });
    expect(status).toBe(429);
    expect(harness.upstream.requests).toHaveLength(2);
  });

  it('never retries a 500: the upstream may already have answered', async () => {
    harness = await startHarness({ transport: make() });
    harness.upstream.script({ kind: 'status', status: 500 });
    const { status } = await send(harness.handler, { text: 'Hi' });
    expect(status).toBe(502);
    expect(harness.upstream.requests).toHaveLength(1);
    expect(harness.sleeps).toEqual([]);
  });

  it('answers 504 when the upstream never answers, without retrying', async () => {
    harness = await startHarness({ upstreamTimeoutMs: 1_000, transport: make() });
    harness.upstream.script({ kind: 'hang' });
    const { status, body } = await send(harness.handler, { text: 'Hi' });
    expect(status).toBe(504);
    expect(errorOf(body)['code']).toBe('upstream_timeout');
    expect(harness.upstream.requests).toHaveLength(1);
  });

  it('keeps its deadline even when a provider ignores the abort signal', async () => {
    const ignoring: Provider = { name: 'quickchat', send: () => new Promise(() => undefined) };
    await expect(
      callUpstream(
        { text: 'Hi', conversationKey: undefined, messageContext: undefined, metadata: undefined },
        {
          provider: ignoring,
          policy: DEFAULT_RETRY_POLICY,
          timeoutMs: 20,
          sleep: async () => undefined,
          random: () => 0,
        },
      ),
    ).rejects.toMatchObject({ failure: 'timeout' });
  });

  it('retries a refused connection, which never reached the upstream', async () => {
    const port = await closedPort();
    const refused = await startHarness({
      transport: make(),
      provider: {
        kind: 'quickchat',
        apiKey: TEST_API_KEY,
        scenarioId: TEST_SCENARIO,
        url: `http://127.0.0.1:${port}/chat`,
      },
    });
    try {
      const { status, body } = await send(refused.handler, { text: 'Hi' });
      expect(status).toBe(503);
      expect(errorOf(body)['code']).toBe('upstream_unavailable');
      expect(refused.sleeps).toEqual([50, 100]);
      expect(refused.logs.at(-1)).toMatchObject({ upstream_failure: 'connect', retries: 2 });
    } finally {
      await refused.close();
    }
  });
});
