import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamError, type UpstreamTurn } from '../../src/proxy/provider.ts';
import { createFetchTransport } from '../../src/proxy/fetch-transport.ts';
import { createFamulorProvider, type FamulorConfig } from '../../src/proxy/providers/famulor.ts';
import {
  FAMULOR_PATHS,
  startFamulorStandIn,
  type FamulorStandIn,
} from '../support/famulor-stand-in.ts';
import { TRANSPORTS } from '../support/transports.ts';

const TOKEN = 'fam-test-token-0123456789';
const ASSISTANT = 42;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let famulor: FamulorStandIn;
beforeAll(async () => {
  famulor = await startFamulorStandIn({ token: TOKEN, assistantIds: [ASSISTANT] });
});
afterAll(() => famulor.close());
beforeEach(() => {
  famulor.requests.length = 0;
});

const config = (overrides: Partial<FamulorConfig> = {}): FamulorConfig & { url: string } => ({
  kind: 'famulor',
  token: TOKEN,
  assistantId: ASSISTANT,
  url: famulor.endpoint(),
  ...overrides,
});

const turn = (overrides: Partial<UpstreamTurn> = {}): UpstreamTurn => ({
  text: 'Hello',
  conversationKey: undefined,
  messageContext: undefined,
  metadata: undefined,
  signal: new AbortController().signal,
  ...overrides,
});

/** The transport under test: `fetch` for the request and answer, each one for the failures. */
let transport = createFetchTransport((input, init) => fetch(input, init));

const send = (t: Partial<UpstreamTurn> = {}, c: Partial<FamulorConfig> = {}) =>
  createFamulorProvider(config(c), transport).send(turn(t));

/** The JSON body of the n-th request the stand-in received. */
const sent = (n: number): Record<string, unknown> =>
  (famulor.requests[n]?.body ?? {}) as Record<string, unknown>;

/** The UpstreamError a failing turn throws. */
async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}

describe('Famulor provider: the request', () => {
  it.each(FAMULOR_PATHS)('posts the documented body with Bearer auth to %s', async (path) => {
    const answer = await send({ text: 'Hi there' }, { url: famulor.endpoint(path) });

    expect(famulor.requests).toHaveLength(1);
    const [request] = famulor.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(path);
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({
      assistant_id: ASSISTANT,
      customer_identifier: expect.stringMatching(UUID),
      message: 'Hi there',
    });
    expect(answer.reply).toBe('Turn 1: Hi there');
  });

  it('mints a fresh random customer_identifier for each new conversation', async () => {
    const first = await send();
    const second = await send();

    const ids = [sent(0)['customer_identifier'], sent(1)['customer_identifier']];
    expect(ids[0]).toMatch(UUID);
    expect(ids[1]).toMatch(UUID);
    expect(ids[0]).not.toBe(ids[1]);
    expect(first.conversationKey).toBe(ids[0]);
    expect(second.conversationKey).toBe(ids[1]);
  });

  it('continues a conversation under the key from the token, so Famulor remembers it', async () => {
    const first = await send({ text: 'one' });
    const second = await send({ text: 'two', conversationKey: first.conversationKey });

    expect(second.conversationKey).toBe(first.conversationKey);
    expect(second.reply).toBe('Turn 2: two');
    expect(sent(1).customer_identifier).toBe(first.conversationKey);
  });

  it('keeps the key it sent even when Famulor echoes another customer_identifier', async () => {
    famulor.script({ kind: 'reply', reply: 'hi', customerIdentifier: '+49155551234' });
    const answer = await send({ conversationKey: 'ours-123' });

    expect(answer.conversationKey).toBe('ours-123');
  });

  it('turns each client_metadata key into a variable and message_context into one more', async () => {
    await send({
      metadata: { kb_topic: 'billing', plan: 'pro', seats: 3, trial: false },
      messageContext: 'The visitor is on the pricing page.',
    });

    expect(sent(0).variables).toEqual({
      kb_topic: 'billing',
      plan: 'pro',
      seats: 3,
      trial: false,
      message_context: 'The visitor is on the pricing page.',
    });
  });

  it('lets message_context win over a metadata key of the same name', async () => {
    await send({
      metadata: { message_context: 'from the page' },
      messageContext: 'from the widget',
    });

    expect(sent(0).variables).toEqual({
      message_context: 'from the widget',
    });
  });
});

describe('Famulor provider: the answer', () => {
  it('reports a human takeover (ai_disabled) as a handoff with an empty reply', async () => {
    famulor.script({ kind: 'reply', reply: null, aiDisabled: true });
    const answer = await send();

    expect(answer).toMatchObject({
      reply: '',
      handoff: true,
      conversationReset: false,
      ordNumber: 0,
    });
  });

  it('passes on a reply Famulor still sends with ai_disabled', async () => {
    famulor.script({ kind: 'reply', reply: 'An agent will answer shortly.', aiDisabled: true });

    expect(await send()).toMatchObject({ reply: 'An agent will answer shortly.', handoff: true });
  });

  it('forwards no function_calls unless the operator allowlists their names', async () => {
    const calls = [
      { name: 'book_appointment', arguments: { day: 'Mon' }, result: { ok: true } },
      { name: 'lookup_customer', arguments: { phone: '+49155551234' }, result: { name: 'John' } },
    ];
    famulor.script({ kind: 'reply', reply: 'Booked.', functionCalls: calls });
    famulor.script({ kind: 'reply', reply: 'Booked.', functionCalls: calls });

    const hidden = await send();
    const allowed = await send({}, { forwardFunctions: ['book_appointment'] });

    expect(hidden.functionCalls).toBeUndefined();
    expect(allowed.functionCalls).toEqual([calls[0]]);
  });

  it.each([
    ['a body that is not JSON', { kind: 'raw', status: 200, body: '<html>ok</html>' }],
    ['success: false', { kind: 'status', status: 200, body: { success: false, reply: 'x' } }],
    ['no reply', { kind: 'status', status: 200, body: { success: true, ai_disabled: false } }],
    [
      'function_calls that are no list',
      { kind: 'status', status: 200, body: { success: true, reply: 'x', function_calls: 'no' } },
    ],
  ] as const)('calls %s a bad response', async (_, step) => {
    famulor.script(step);

    expect((await failure(send())).failure).toBe('bad_response');
  });
});

describe.each(TRANSPORTS)('Famulor provider: failures over %s', (_transport, make) => {
  beforeAll(() => {
    transport = make();
  });
  afterAll(() => {
    transport = createFetchTransport((input, init) => fetch(input, init));
  });

  it('reads the 302 to the login page as a refused token, without following it', async () => {
    const error = await failure(send({}, { token: 'wrong-token' }));

    expect(error.failure).toBe('unauthorized');
    expect(error.status).toBe(302);
    expect(error.message).toBe('FAMULOR_API_TOKEN was refused (302 to the login page).');
    expect(famulor.requests.map((r) => r.path)).toEqual([FAMULOR_PATHS[0]]);
  });

  it('reads an opaque redirect (browsers, some Fetch runtimes) as a refused token', async () => {
    // Node's fetch shows the 302 itself; Response cannot be built with status 0, so fake the shape.
    const opaque = {
      type: 'opaqueredirect',
      status: 0,
      ok: false,
      headers: new Headers(),
      body: null,
    };
    const fetchFn = (() => Promise.resolve(opaque as unknown as Response)) as typeof fetch;
    const error = await failure(
      createFamulorProvider(config(), createFetchTransport(fetchFn)).send(turn()),
    );

    expect(error.failure).toBe('unauthorized');
  });

  it.each([401, 403])('reads HTTP %i as a refused token', async (status) => {
    famulor.script({ kind: 'status', status, body: { message: 'Unauthenticated.' } });

    expect(await failure(send())).toMatchObject({ failure: 'unauthorized', status });
  });

  it('names INSUFFICIENT_BALANCE (402) for the operator, without the body text', async () => {
    famulor.script({
      kind: 'status',
      status: 402,
      body: {
        success: false,
        error: 'Insufficient balance secret-ish',
        error_code: 'INSUFFICIENT_BALANCE',
      },
    });
    const error = await failure(send());

    expect(error).toMatchObject({ failure: 'misconfigured', status: 402 });
    expect(error.message).toContain('INSUFFICIENT_BALANCE');
    expect(error.message).not.toContain('secret-ish');
  });

  it('names ASSISTANT_NOT_FOUND (404) and the setting to fix', async () => {
    const error = await failure(send({}, { assistantId: 7 }));

    expect(error).toMatchObject({ failure: 'misconfigured', status: 404 });
    expect(error.message).toContain('ASSISTANT_NOT_FOUND');
    expect(error.message).toContain('FAMULOR_ASSISTANT_ID');
    expect(error.message).not.toContain('does not belong');
  });

  it('points at FAMULOR_API_URL when the path does not exist', async () => {
    const error = await failure(send({}, { url: `${famulor.origin}/api/ai/generate-replies` }));

    expect(error).toMatchObject({ failure: 'misconfigured', status: 404 });
    expect(error.message).toContain('FAMULOR_API_URL');
  });

  it('names the fields of a 422, not their messages', async () => {
    famulor.script({
      kind: 'status',
      status: 422,
      body: {
        message: 'The given data was invalid: leaky detail',
        errors: { message: ['too long: leaky detail'], 'variables.kb_topic': ['bad'] },
      },
    });
    const error = await failure(send());

    expect(error).toMatchObject({ failure: 'misconfigured', status: 422 });
    expect(error.message).toContain('message, variables.kb_topic');
    expect(error.message).not.toContain('leaky');
  });

  it.each([
    ['the Retry-After header first', { 'retry-after': '17' }, { retry_after: 60 }, 17],
    ['the body retry_after second', {}, { message: 'Too Many Attempts.', retry_after: 60 }, 60],
    ['no wait when neither says', {}, { message: 'Too Many Attempts.' }, undefined],
  ])('reads a 429 as rate limited, taking %s', async (_, headers, body, retryAfterS) => {
    famulor.script({ kind: 'status', status: 429, headers, body });
    const error = await failure(send());

    expect(error).toMatchObject({ failure: 'rate_limited', status: 429 });
    expect(error.retryAfterS).toBe(retryAfterS);
  });

  it.each([
    [503, 'unavailable'],
    [500, 'failed'],
    [502, 'failed'],
  ] as const)('reads HTTP %i as %s', async (status, kind) => {
    famulor.script({ kind: 'raw', status, body: '<html>upstream trouble</html>' });

    expect(await failure(send())).toMatchObject({ failure: kind, status });
  });

  it('calls a refused connection a connect failure, which is safe to retry', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const error = await failure(
      send({}, { url: `http://127.0.0.1:${port}/api/ai/generate-reply` }),
    );
    expect(error.failure).toBe('connect');
  });

  it('calls a connection dropped after sending a failure, which is not safe to retry', async () => {
    famulor.script({ kind: 'reset' });
    const error = await failure(send());

    expect(error.failure).toBe('failed');
    expect(famulor.requests).toHaveLength(1);
  });

  it('gives up as a timeout when the turn signal aborts', async () => {
    famulor.script({ kind: 'hang' });
    const controller = new AbortController();
    const pending = send({ signal: controller.signal });
    await expect.poll(() => famulor.requests.length).toBe(1);
    controller.abort(new DOMException('The upstream timeout fired.', 'TimeoutError'));

    expect((await failure(pending)).failure).toBe('timeout');
  });

  it('never puts the token into an error message', async () => {
    const steps = [
      { kind: 'status', status: 402, body: { error: TOKEN, error_code: TOKEN } },
      { kind: 'status', status: 422, body: { errors: { [TOKEN]: [TOKEN] } } },
      { kind: 'status', status: 418, body: { error_code: TOKEN } },
      { kind: 'raw', status: 500, body: TOKEN },
    ] as const;
    famulor.script(...steps);
    const messages = [];
    for (const _ of steps) messages.push((await failure(send())).message);
    messages.push((await failure(send({}, { token: `${TOKEN}-old` }))).message);

    expect(messages.filter((m) => m.includes(TOKEN))).toEqual([]);
  });
});
