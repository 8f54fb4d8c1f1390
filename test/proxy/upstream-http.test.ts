import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallDeadline, type CallDeadline } from '../../src/proxy/call-deadline.ts';
import { createFetchTransport } from '../../src/proxy/fetch-transport.ts';
import { parseRetryAfter, postJson } from '../../src/proxy/providers/upstream-http.ts';
import { startQuickchatStandIn, type QuickchatStandIn } from '../support/quickchat-stand-in.ts';
import { closedPort } from '../support/closed-port.ts';
import { TRANSPORTS } from '../support/transports.ts';

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

describe('the fetch transport: how undici reports a failure', () => {
  let upstream: QuickchatStandIn;
  beforeAll(async () => {
    upstream = await startQuickchatStandIn({ apiKey: 'k', scenarioId: 's' });
  });
  afterAll(() => upstream.close());

  const call = (fetchFn: typeof fetch) =>
    postJson(
      createFetchTransport(fetchFn),
      upstream.url,
      { headers: {}, body: {}, label: 'Quickchat' },
      { signal: new AbortController().signal },
    );

  const throwing =
    (cause: unknown): typeof fetch =>
    async () => {
      throw new TypeError('fetch failed', { cause });
    };

  it('calls a refused connection `connect`, also inside an AggregateError', async () => {
    await expect(call(throwing({ code: 'ECONNREFUSED' }))).rejects.toMatchObject({
      failure: 'connect',
    });
    const happyEyeballs = new AggregateError([{ code: 'ECONNREFUSED' }, { code: 'ECONNREFUSED' }]);
    await expect(call(throwing(happyEyeballs))).rejects.toMatchObject({ failure: 'connect' });
  });

  it('calls a reset or an unknown error `failed`: the request may have been received', async () => {
    await expect(call(throwing({ code: 'ECONNRESET' }))).rejects.toMatchObject({
      failure: 'failed',
    });
    await expect(call(throwing(undefined))).rejects.toMatchObject({ failure: 'failed' });
  });
});

describe.each(TRANSPORTS)('the %s transport against a loopback upstream', (_name, make) => {
  let upstream: QuickchatStandIn;
  const transport = make();
  beforeAll(async () => {
    upstream = await startQuickchatStandIn({ apiKey: 'k', scenarioId: 's' });
  });
  afterAll(() => upstream.close());

  const call = (url = upstream.url, signal = new AbortController().signal) =>
    postJson(transport, url, { headers: {}, body: { text: 'Hi' }, label: 'Quickchat' }, { signal });

  it('posts JSON and reads status, headers and body', async () => {
    upstream.script({
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '7' },
      body: { a: 1 },
    });
    const response = await call();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('x-absent')).toBeNull();
    expect(JSON.parse(response.text)).toEqual({ a: 1 });
    const request = upstream.requests.at(-1);
    expect(request?.body).toEqual({ text: 'Hi' });
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['accept']).toBe('application/json');
  });

  it('reads a UTF-8 answer as Response.text() does, byte order mark dropped', async () => {
    upstream.script({ kind: 'raw', status: 200, body: '\uFEFF{"reply":"Grüße 👋"}' });
    expect(JSON.parse((await call()).text)).toEqual({ reply: 'Grüße 👋' });
  });

  it('calls a refused connection `connect`, which is safe to retry', async () => {
    const port = await closedPort();
    await expect(call(`http://127.0.0.1:${port}/chat`)).rejects.toMatchObject({
      failure: 'connect',
      message: 'Could not reach Quickchat (ECONNREFUSED).',
    });
  });

  it('calls a reset after the request was sent `failed`: it may have been received', async () => {
    upstream.script({ kind: 'reset' });
    await expect(call()).rejects.toMatchObject({ failure: 'failed' });
  });

  it('calls a call aborted by its deadline `timeout`, before or while it waits', async () => {
    const before = new AbortController();
    before.abort();
    await expect(call(upstream.url, before.signal)).rejects.toMatchObject({ failure: 'timeout' });
    upstream.script({ kind: 'hang' });
    const during = new AbortController();
    const pending = call(upstream.url, during.signal);
    const seen = upstream.requests.length;
    await upstream.received(seen + 1);
    during.abort(new DOMException('The upstream timeout fired.', 'TimeoutError'));
    await expect(pending).rejects.toMatchObject({ failure: 'timeout' });
  });

  it("calls a call aborted by the proxy's own deadline `timeout`, before or while it waits", async () => {
    const viaDeadline = (deadline: CallDeadline) =>
      postJson(
        transport,
        upstream.url,
        { headers: {}, body: { text: 'Hi' }, label: 'Quickchat' },
        // As a turn carries it: the signal only made if the transport reads it.
        {
          deadline,
          get signal() {
            return deadline.signal;
          },
        },
      );
    const before = createCallDeadline();
    before.abort();
    await expect(viaDeadline(before)).rejects.toMatchObject({ failure: 'timeout' });
    upstream.script({ kind: 'hang' });
    const during = createCallDeadline();
    const pending = viaDeadline(during);
    const seen = upstream.requests.length;
    await upstream.received(seen + 1);
    during.abort();
    await expect(pending).rejects.toMatchObject({ failure: 'timeout' });
  });

  it('refuses to buffer an answer over 1 MiB', async () => {
    upstream.script({ kind: 'raw', status: 200, body: 'x'.repeat(1024 * 1024 + 10) });
    await expect(call()).rejects.toMatchObject({ failure: 'bad_response', status: 200 });
  });

  it('does not follow redirects', async () => {
    upstream.script({
      kind: 'status',
      status: 302,
      headers: { location: `${upstream.url}?followed=1` },
    });
    const seen = upstream.requests.length;
    const response = await call();
    expect(response.status).toBe(302);
    expect(upstream.requests).toHaveLength(seen + 1);
  });

  it('names a failed TLS handshake for the operator, not retried', async () => {
    // An https:// URL at a plain-HTTP port: the handshake fails, as with a wrong scheme or port.
    const error = await call(upstream.url.replace('http:', 'https:')).catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'failed' });
    expect(String((error as Error).message)).toMatch(/^TLS with Quickchat failed \(\w+\)/);
  });

  it('never puts the URL or the body into the error message', async () => {
    upstream.script({ kind: 'reset' });
    const url = `${upstream.url}?key=url-secret`;
    const errors = await Promise.all([
      call(url).catch((e: unknown) => e),
      call(url.replace('http:', 'https:')).catch((e: unknown) => e),
    ]);
    for (const error of errors) {
      expect(String((error as Error).message)).not.toMatch(/url-secret|127\.0\.0\.1|"Hi"/);
    }
  });
});
