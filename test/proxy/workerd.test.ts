import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatReply, ErrorBody } from '../../src/core/protocol.ts';
import { startFamulorStandIn, type FamulorStandIn } from '../support/famulor-stand-in.ts';
import { startQuickchatStandIn, type QuickchatStandIn } from '../support/quickchat-stand-in.ts';
import { bundleWorker, type WorkerBundle } from '../support/worker-bundle.ts';

/**
 * The Worker entry, bundled the way a deployment bundles it, running on workerd (the Workers
 * runtime) via Miniflare, calling loopback stand-ins of both upstreams.
 */

const SECRET = 'workerd-test-secret-0123456789abcdefghij';
const QUICKCHAT_KEY = 'qc-workerd-key-0123456789';
const FAMULOR_TOKEN = 'fam-workerd-token-0123456789';
const ORIGIN = 'https://shop.example';
const COMPATIBILITY_DATE = '2026-04-01';

let bundle: WorkerBundle | undefined;
let mf: Miniflare;
let quickchat: QuickchatStandIn;
let famulor: FamulorStandIn;
const logs: string[] = [];

beforeAll(async () => {
  const { dir, scriptPath } = (bundle = await bundleWorker());
  quickchat = await startQuickchatStandIn({ apiKey: QUICKCHAT_KEY, scenarioId: 'scn-1' });
  famulor = await startFamulorStandIn({ token: FAMULOR_TOKEN, assistantIds: [42] });

  const common = { CHATLET_SECRET: SECRET, CHATLET_ALLOWED_ORIGINS: ORIGIN };
  const worker = (name: string, bindings: Record<string, string>) => ({
    name,
    modules: true,
    scriptPath,
    // Module paths are resolved below this root; the default (cwd) cannot reach a temp dir.
    modulesRoot: dir,
    compatibilityDate: COMPATIBILITY_DATE,
    routes: [`${name}.test/*`],
    bindings,
  });
  mf = new Miniflare({
    handleStructuredLogs: ({ message }: { message: string }) => {
      logs.push(message);
    },
    workers: [
      worker('quickchat', {
        ...common,
        QUICKCHAT_API_KEY: QUICKCHAT_KEY,
        QUICKCHAT_SCENARIO_ID: 'scn-1',
        QUICKCHAT_API_URL: quickchat.url,
        CHATLET_IP_REQUESTS_PER_MINUTE: '3',
      }),
      worker('famulor', {
        ...common,
        FAMULOR_API_TOKEN: FAMULOR_TOKEN,
        FAMULOR_ASSISTANT_ID: '42',
        FAMULOR_API_URL: famulor.endpoint('/api/user/ai/generate-reply'),
        // Several tests share this Worker; the budget itself is tested on its own Workers below.
        FAMULOR_REQUESTS_PER_MINUTE: '100',
      }),
      worker('famulor-budget', {
        ...common,
        FAMULOR_API_TOKEN: FAMULOR_TOKEN,
        FAMULOR_ASSISTANT_ID: '42',
        FAMULOR_API_URL: famulor.endpoint(),
        FAMULOR_REQUESTS_PER_MINUTE: '1',
      }),
      worker('famulor-queue', {
        ...common,
        FAMULOR_API_TOKEN: FAMULOR_TOKEN,
        FAMULOR_ASSISTANT_ID: '42',
        FAMULOR_API_URL: famulor.endpoint(),
        CHATLET_UPSTREAM_TIMEOUT_MS: '6000',
      }),
      worker('stale-token', {
        ...common,
        FAMULOR_API_TOKEN: `${FAMULOR_TOKEN}-revoked`,
        FAMULOR_ASSISTANT_ID: '42',
        FAMULOR_API_URL: famulor.endpoint(),
      }),
      worker('no-secret', { QUICKCHAT_API_KEY: QUICKCHAT_KEY, QUICKCHAT_SCENARIO_ID: 'scn-1' }),
      worker('demo', { CHATLET_SECRET: SECRET }),
    ],
  });
  await mf.ready;
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
  await quickchat?.close();
  await famulor?.close();
  await bundle?.remove();
});

beforeEach(() => {
  quickchat.requests.length = 0;
  famulor.requests.length = 0;
  logs.length = 0;
});

let ip = 0;
/** Posts a chat message as a browser on the allowed origin would, from a fresh client IP. */
function chat(worker: string, body: unknown, headers: Record<string, string> = {}) {
  ip += 1;
  return mf.dispatchFetch(`http://${worker}.test/chat`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: ORIGIN,
      'cf-connecting-ip': `198.51.100.${ip}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const replyOf = async (response: { json(): Promise<unknown> }) =>
  (await response.json()) as ChatReply;
const errorOf = async (response: { json(): Promise<unknown> }) =>
  ((await response.json()) as ErrorBody).error;

describe('the proxy on workerd', () => {
  it('answers the health check', async () => {
    const response = await mf.dispatchFetch('http://quickchat.test/healthz');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, provider: 'quickchat', state: 'memory' });
  });

  it('relays a Quickchat conversation over loopback and keeps it going with the signed token', async () => {
    const first = await chat('quickchat', {
      text: 'Hello',
      client_metadata: { kb_topic: 'billing' },
    });
    expect(first.status).toBe(200);
    expect(first.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const opened = await replyOf(first);
    expect(opened).toMatchObject({ reply: 'Hello! You said: Hello', conversation_reset: false });

    const second = await replyOf(
      await chat('quickchat', { text: 'More', conversation: opened.conversation }),
    );

    expect(second.reply).toBe('You said: More');
    expect(quickchat.requests.map((r) => r.body['conv_id'])).toEqual([undefined, 'conv1']);
    expect(quickchat.requests[0]?.body['client_metadata']).toEqual({ kb_topic: 'billing' });
  });

  it('relays a Famulor conversation under an identifier the proxy minted', async () => {
    const first = await replyOf(
      await chat('famulor', {
        text: 'Hi',
        message_context: 'On the pricing page',
        client_metadata: { kb_topic: 'billing' },
      }),
    );
    const second = await replyOf(
      await chat('famulor', { text: 'Again', conversation: first.conversation }),
    );

    expect(first.reply).toBe('Turn 1: Hi');
    expect(second.reply).toBe('Turn 2: Again');
    const [opening, follow] = famulor.requests.map((r) => r.body as Record<string, unknown>);
    expect(famulor.requests[0]?.path).toBe('/api/user/ai/generate-reply');
    expect(famulor.requests[0]?.headers.authorization).toBe(`Bearer ${FAMULOR_TOKEN}`);
    expect(opening).toEqual({
      assistant_id: 42,
      customer_identifier: expect.stringMatching(/^[0-9a-f-]{36}$/),
      message: 'Hi',
      variables: { kb_topic: 'billing', message_context: 'On the pricing page' },
    });
    expect(follow?.['customer_identifier']).toBe(opening?.['customer_identifier']);
  });

  it('reports a Famulor handoff', async () => {
    famulor.script({ kind: 'reply', reply: null, aiDisabled: true });

    expect(await replyOf(await chat('famulor', { text: 'Hi' }))).toMatchObject({
      reply: '',
      handoff: true,
    });
  });

  it('keeps the Famulor budget across requests, answering 429 instead of a second upstream call', async () => {
    const first = await chat('famulor-budget', { text: 'Hi' });
    const second = await chat('famulor-budget', { text: 'Hi again' });

    expect(first.status).toBe(200);
    expect(second.status).toBe(429);
    const retryAfter = Number(second.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(famulor.requests).toHaveLength(1);
  });

  it('wakes each queued turn on its own request, even after the one queued first has ended', async () => {
    // Workers cancel continuations that a finished request would resolve for another one, so a
    // queued turn must not depend on the request that queued before it.
    famulor.script({ kind: 'status', status: 429, headers: { 'retry-after': '8' }, body: {} });
    const limited = await chat('famulor-queue', { text: 'first' });
    // Queued until 8 s from now, but its 6 s upstream timeout ends it first.
    const early = chat('famulor-queue', { text: 'early' });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    // Queued until the same moment, within its own timeout.
    const late = chat('famulor-queue', { text: 'late' });

    expect(limited.status).toBe(429);
    expect((await early).status).toBe(504);
    expect((await late).status).toBe(200);
    expect(famulor.requests.map((r) => (r.body as Record<string, unknown>)['message'])).toEqual([
      'first',
      'late',
    ]);
  }, 20_000);

  it('answers a duplicate sent while the first is in flight with the same reply and one upstream call', async () => {
    famulor.script({ kind: 'reply', delayMs: 500 });
    const message = { text: 'Hi', client_message_id: '7d1b8f2e-3c4a-4d5e-9f01-1b2c3d4e5f60' };
    const [first, second] = await Promise.all([chat('famulor', message), chat('famulor', message)]);

    expect([first.status, second.status]).toEqual([200, 200]);
    expect((await replyOf(second)).reply).toBe((await replyOf(first)).reply);
    expect(famulor.requests).toHaveLength(1);
  });

  it('starts a new conversation when the token was tampered with, without sending it upstream', async () => {
    const opened = await replyOf(await chat('famulor', { text: 'Hi' }));
    const tampered = `${opened.conversation.slice(0, -2)}${opened.conversation.endsWith('AA') ? 'BB' : 'AA'}`;

    const answer = await replyOf(await chat('famulor', { text: 'Again', conversation: tampered }));

    expect(answer.conversation_reset).toBe(true);
    const ids = famulor.requests.map(
      (r) => (r.body as Record<string, unknown>)['customer_identifier'],
    );
    expect(ids[1]).not.toBe(ids[0]);
  });

  it('refuses a disallowed Origin with 403 and no upstream call', async () => {
    const response = await chat('quickchat', { text: 'Hi' }, { origin: 'https://evil.example' });

    expect(response.status).toBe(403);
    expect(await errorOf(response)).toMatchObject({ code: 'forbidden_origin' });
    expect(quickchat.requests).toEqual([]);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await chat('quickchat', 'text=Hi', {
      'content-type': 'application/x-www-form-urlencoded',
    });

    expect(response.status).toBe(415);
    expect(await errorOf(response)).toMatchObject({ code: 'unsupported_media_type' });
  });

  it('refuses a body over 16 KiB with 413', async () => {
    const response = await chat('quickchat', {
      text: 'x'.repeat(3000),
      message_context: 'y'.repeat(17_000),
    });

    expect(response.status).toBe(413);
    expect(await errorOf(response)).toMatchObject({ code: 'payload_too_large' });
    expect(quickchat.requests).toEqual([]);
  });

  it('counts the per-IP limit against CF-Connecting-IP', async () => {
    const from = (address: string) =>
      chat('quickchat', { text: 'Hi' }, { 'cf-connecting-ip': address });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await from('203.0.113.9')).status);
    const other = await from('203.0.113.10');

    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(other.status).toBe(200);
  });

  it('answers a refused Famulor token with a generic 5xx and keeps the cause in the log', async () => {
    const response = await chat('stale-token', { text: 'Hi' });
    const text = await response.text();

    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'misconfigured' } });
    expect(text).not.toMatch(/login|302|FAMULOR|fam-workerd/i);
    await expect.poll(() => logs.join('\n')).toContain('FAMULOR_API_TOKEN was refused');
  });

  it('answers 500 misconfigured when a setting is missing, naming it only in the log', async () => {
    const response = await chat('no-secret', { text: 'Hi' });
    const text = await response.text();

    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'misconfigured' } });
    expect(text).not.toContain('CHATLET_SECRET');
    expect(text).not.toContain(QUICKCHAT_KEY);
    await expect.poll(() => logs.join('\n')).toContain('secret (CHATLET_SECRET) is missing');
    expect(quickchat.requests).toEqual([]);
  });

  it('says in one log line that a Worker without credentials has no assistant', async () => {
    const response = await mf.dispatchFetch('http://demo.test/healthz');

    expect(response.status).toBe(500);
    expect(await errorOf(response)).toMatchObject({ code: 'misconfigured' });
    await expect
      .poll(() => logs.join('\n'))
      .toContain('CHATLET_PROVIDER is unset and no credentials are set');
  });
});
