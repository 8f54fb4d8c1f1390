import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRetryAfter, postJson } from '../../src/proxy/providers/upstream-http.ts';
import { startQuickchatStandIn, type QuickchatStandIn } from '../support/quickchat-stand-in.ts';

const NOW = Date.parse('2026-11-21T08:00:00Z');

describe('Retry-After', () => {
  it.each<[string | null, number | undefined]>([
    ['12', 12],
    [' 0 ', 0],
    ['Sat, 21 Nov 2026 08:00:30 GMT', 30],
    ['Sat, 21 Nov 2026 07:59:00 GMT', 0],
    ['999999', 3600],
    ['soon', undefined],
    ['-5', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %j seconds', (header, seconds) => {
    expect(parseRetryAfter(header, NOW)).toBe(seconds);
  });
});

describe('postJson failure kinds', () => {
  let upstream: QuickchatStandIn;
  beforeAll(async () => {
    upstream = await startQuickchatStandIn({ apiKey: 'k', scenarioId: 's' });
  });
  afterAll(() => upstream.close());

  const call = (fetchFn: typeof fetch, signal = new AbortController().signal) =>
    postJson(fetchFn, upstream.url, { headers: {}, body: {}, signal, label: 'Quickchat' });

  const throwing =
    (cause: unknown): typeof fetch =>
    async () => {
      throw new TypeError('fetch failed', { cause });
    };

  it('calls a refused connection `connect`, which is safe to retry', async () => {
    await expect(call(throwing({ code: 'ECONNREFUSED' }))).rejects.toMatchObject({
      failure: 'connect',
    });
    const happyEyeballs = new AggregateError([{ code: 'ECONNREFUSED' }, { code: 'ECONNREFUSED' }]);
    await expect(call(throwing(happyEyeballs))).rejects.toMatchObject({ failure: 'connect' });
  });

  it('calls a reset `failed`: the request may have been received', async () => {
    await expect(call(throwing({ code: 'ECONNRESET' }))).rejects.toMatchObject({
      failure: 'failed',
    });
    await expect(call(throwing(undefined))).rejects.toMatchObject({ failure: 'failed' });
  });

  it('calls an aborted call `timeout`', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(call(fetch, controller.signal)).rejects.toMatchObject({ failure: 'timeout' });
  });

  it('refuses to buffer an answer over 1 MiB', async () => {
    upstream.script({ kind: 'raw', status: 200, body: 'x'.repeat(1024 * 1024 + 10) });
    await expect(call(fetch)).rejects.toMatchObject({ failure: 'bad_response' });
  });

  it('does not follow redirects', async () => {
    upstream.script({
      kind: 'status',
      status: 302,
      headers: { location: 'http://127.0.0.1:1/login' },
    });
    const response = await call(fetch);
    expect(response.status).toBe(302);
  });

  it('never puts the URL or the body into the error message', async () => {
    const error = await call(throwing({ code: 'ECONNRESET' })).catch((caught: unknown) => caught);
    expect(String((error as Error).message)).not.toContain(upstream.url);
  });
});
