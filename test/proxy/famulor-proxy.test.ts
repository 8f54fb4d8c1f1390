import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createConversationTokens } from '../../src/proxy/conversation-token.ts';
import {
  createChatletProxy,
  type ChatletProxyHandler,
  type ChatletProxyOptions,
} from '../../src/proxy/index.ts';
import type { LogEntry } from '../../src/proxy/log.ts';
import { startFamulorStandIn, type FamulorStandIn } from '../support/famulor-stand-in.ts';
import { TEST_SECRET, chatRequest, errorOf } from '../support/proxy-harness.ts';

/** Famulor behind the whole proxy handler, over loopback, with a clock that moves only on sleeps. */

const TOKEN = 'fam-proxy-token-5e0c2a9b7d4f4e1a8c3b';
const ASSISTANT = 42;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const T0 = 1_800_000_000_000;

let famulor: FamulorStandIn;
beforeAll(async () => {
  famulor = await startFamulorStandIn({ token: TOKEN, assistantIds: [ASSISTANT] });
});
afterAll(() => famulor.close());

interface Proxy {
  handler: ChatletProxyHandler;
  logs: LogEntry[];
  /** Everything the proxy answered, status line and headers included, for leak checks. */
  answers: string[];
  send(body: unknown): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>;
}

/** A proxy in front of the stand-in; its sleeps advance its clock instead of waiting. */
function proxy(overrides: Partial<ChatletProxyOptions> = {}): Proxy {
  let clock = T0;
  const logs: LogEntry[] = [];
  const answers: string[] = [];
  const handler = createChatletProxy({
    provider: { kind: 'famulor', token: TOKEN, assistantId: ASSISTANT, url: famulor.endpoint() },
    secret: TEST_SECRET,
    log: (entry) => void logs.push(entry),
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
    random: () => 0.5,
    ...overrides,
  });
  return {
    handler,
    logs,
    answers,
    async send(body) {
      const response = await handler(chatRequest(body));
      const text = await response.text();
      answers.push(`${response.status} ${JSON.stringify([...response.headers])} ${text}`);
      return {
        status: response.status,
        headers: response.headers,
        body: JSON.parse(text) as Record<string, unknown>,
      };
    },
  };
}

const sentBody = (n: number): Record<string, unknown> =>
  (famulor.requests[n]?.body ?? {}) as Record<string, unknown>;

beforeEach(() => {
  famulor.requests.length = 0;
});

describe('Famulor through the proxy', () => {
  it('maps client_metadata and message_context to Famulor variables', async () => {
    const { status } = await proxy().send({
      text: 'Do you ship to Austria?',
      message_context: 'Cart holds 2 items',
      client_metadata: { kb_topic: 'shipping', locale: 'de-AT' },
    });

    expect(status).toBe(200);
    expect(sentBody(0)).toMatchObject({
      assistant_id: ASSISTANT,
      message: 'Do you ship to Austria?',
      variables: { kb_topic: 'shipping', locale: 'de-AT', message_context: 'Cart holds 2 items' },
    });
  });

  it('keeps one proxy-minted customer_identifier for a whole conversation, inside the signed token', async () => {
    // Three turns at once: more than one conversation's share of Famulor's 5, so a larger budget.
    const chat = proxy({ ipRequestsPerMinute: 0, upstreamBudget: { perMinute: 100 } });
    const first = await chat.send({ text: 'one' });
    const second = await chat.send({ text: 'two', conversation: first.body['conversation'] });
    const third = await chat.send({ text: 'three', conversation: second.body['conversation'] });

    const ids = [0, 1, 2].map((n) => sentBody(n)['customer_identifier']);
    expect(ids[0]).toMatch(UUID);
    expect(new Set(ids).size).toBe(1);
    expect(third.body).toMatchObject({ reply: 'Turn 3: three', conversation_reset: false });
    // The identifier travels signed, not as readable text the browser could edit.
    expect(String(first.body['conversation'])).not.toContain(String(ids[0]));
  });

  it('gives every new conversation its own customer_identifier', async () => {
    const chat = proxy();
    await chat.send({ text: 'a' });
    await chat.send({ text: 'b' });

    expect(sentBody(0)['customer_identifier']).not.toBe(sentBody(1)['customer_identifier']);
  });

  it('does not let a browser choose the customer_identifier', async () => {
    const chat = proxy({ ipRequestsPerMinute: 0 });
    const victim = '+49155551234';
    const foreign = await createConversationTokens(TEST_SECRET, {
      now: () => T0,
      maxAgeMs: 60_000,
    }).mint('quickchat', { key: victim, sticky: [] });

    const smuggled = await chat.send({
      text: 'hi',
      customer_identifier: victim,
      variables: { a: 1 },
    });
    const raw = await chat.send({ text: 'hi', conversation: victim });
    const otherProvider = await chat.send({ text: 'hi', conversation: foreign });

    expect(smuggled.status).toBe(200);
    expect(raw.body['conversation_reset']).toBe(true);
    expect(otherProvider.body['conversation_reset']).toBe(true);
    const ids = [0, 1, 2].map((n) => sentBody(n)['customer_identifier']);
    expect(ids.every((id) => UUID.test(String(id)))).toBe(true);
    expect(sentBody(0)).not.toHaveProperty('variables');
  });

  it('reports a human takeover as handoff', async () => {
    famulor.script({ kind: 'reply', reply: null, aiDisabled: true });
    const { body } = await proxy().send({ text: 'I want a human' });

    expect(body).toMatchObject({ reply: '', handoff: true });
  });

  it('passes on only the function calls the operator allowlisted', async () => {
    const calls = [
      { name: 'check_slot', arguments: { day: 'Mon' }, result: { free: true } },
      { name: 'lookup_customer', arguments: { phone: '+49155551234' }, result: { name: 'John' } },
    ];
    famulor.script({ kind: 'reply', reply: 'Monday works.', functionCalls: calls });
    famulor.script({ kind: 'reply', reply: 'Monday works.', functionCalls: calls });
    const allowlisted = proxy({
      provider: {
        kind: 'famulor',
        token: TOKEN,
        assistantId: ASSISTANT,
        url: famulor.endpoint(),
        forwardFunctions: ['check_slot'],
      },
    });

    const hidden = await proxy().send({ text: 'Monday?' });
    const shown = await allowlisted.send({ text: 'Monday?' });

    expect(hidden.body).not.toHaveProperty('function_calls');
    expect(JSON.stringify(hidden.body)).not.toContain('lookup_customer');
    expect(shown.body['function_calls']).toEqual([calls[0]]);
  });

  it('answers a refused token (302) with a 5xx envelope and no upstream text; the cause is logged', async () => {
    const chat = proxy({
      provider: {
        kind: 'famulor',
        token: 'revoked',
        assistantId: ASSISTANT,
        url: famulor.endpoint(),
      },
    });
    const { status, body } = await chat.send({ text: 'Hi' });

    expect(status).toBeGreaterThanOrEqual(500);
    expect(errorOf(body)['code']).toBe('misconfigured');
    expect(JSON.stringify(body)).not.toMatch(/login|redirect|302|FAMULOR/i);
    expect(chat.logs.at(-1)).toMatchObject({
      level: 'error',
      upstream_failure: 'unauthorized',
      upstream_status: 302,
      detail: 'FAMULOR_API_TOKEN was refused (302 to the login page).',
    });
    expect(famulor.requests).toHaveLength(1);
  });

  it('turns the shared budget of 5 per minute into an honest 429 instead of a sixth upstream call', async () => {
    const chat = proxy({ ipRequestsPerMinute: 0 });
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await chat.send({ text: `m${i}` })).status);
    const sixth = await chat.send({ text: 'm5' });

    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('retry-after')).toBe('60');
    expect(errorOf(sixth.body)).toMatchObject({ code: 'rate_limited', retry_after_s: 60 });
    expect(famulor.requests).toHaveLength(5);
  });

  it('limits one client to half the budget by default, unless a per-IP limit is set', async () => {
    const statuses = async (chat: Proxy) => {
      const seen = [];
      for (let i = 0; i < 3; i += 1) seen.push((await chat.send({ text: `m${i}` })).status);
      return seen;
    };

    expect(await statuses(proxy())).toEqual([200, 200, 429]);
    expect(await statuses(proxy({ ipRequestsPerMinute: 30 }))).toEqual([200, 200, 200]);
  });

  it('queues a message briefly when the budget frees up within the wait limit', async () => {
    const chat = proxy({
      ipRequestsPerMinute: 0,
      upstreamBudget: { perMinute: 1, maxWaitMs: 60_000 },
    });
    await chat.send({ text: 'first' });
    const second = await chat.send({ text: 'second' });

    expect(second.status).toBe(200);
    expect(second.body['reply']).toBe('Turn 1: second');
    expect(famulor.requests).toHaveLength(2);
  });

  it("relays Famulor's own 429 honestly and stops calling until its retry_after has passed", async () => {
    const chat = proxy();
    famulor.script({
      kind: 'status',
      status: 429,
      body: { message: 'Too Many Attempts.', retry_after: 45 },
    });
    const limited = await chat.send({ text: 'Hi' });
    const next = await chat.send({ text: 'Hi again' });

    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('45');
    expect(next.status).toBe(429);
    expect(famulor.requests).toHaveLength(1);
  });

  it('never puts the API token into an answer or a log line', async () => {
    const chat = proxy({ ipRequestsPerMinute: 0, upstreamBudget: { perMinute: 100 } });
    famulor.script(
      { kind: 'reply', reply: 'ok', functionCalls: [{ name: 'x', arguments: TOKEN }] },
      { kind: 'status', status: 402, body: { error: TOKEN, error_code: 'INSUFFICIENT_BALANCE' } },
      { kind: 'status', status: 404, body: { error: TOKEN, error_code: 'ASSISTANT_NOT_FOUND' } },
      { kind: 'status', status: 422, body: { message: TOKEN, errors: { message: [TOKEN] } } },
      { kind: 'status', status: 429, body: { message: TOKEN, retry_after: 1 } },
      { kind: 'raw', status: 500, body: TOKEN },
      { kind: 'raw', status: 503, body: TOKEN },
      { kind: 'raw', status: 200, body: TOKEN },
    );
    for (let i = 0; i < 9; i += 1) await chat.send({ text: `m${i}` });
    const revoked = proxy({
      provider: {
        kind: 'famulor',
        token: `${TOKEN}-old`,
        assistantId: ASSISTANT,
        url: famulor.endpoint(),
      },
    });
    await revoked.send({ text: 'Hi' });

    const everything = [
      ...chat.answers,
      ...revoked.answers,
      JSON.stringify([...chat.logs, ...revoked.logs]),
    ];
    expect(chat.answers).toHaveLength(9);
    expect(everything.filter((text) => text.includes(TOKEN))).toEqual([]);
  });
});
