import { describe, expect, it } from 'vitest';
import { createDemoAssistant, type DemoTurn } from '../../src/demo/assistant.ts';
import { DEMO_API_KEY, DEMO_SCENARIO_ID } from '../../src/demo/credentials.ts';
import { demoProvider } from '../../src/demo/demo-upstream.ts';

const CHAT_URL = 'http://demo.test/chat';
const credentials = { api_key: DEMO_API_KEY, scenario_id: DEMO_SCENARIO_ID };

function post(body: unknown, init: RequestInit = {}): Request {
  return new Request(CHAT_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
}

async function call(
  handler: (request: Request) => Promise<Response>,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await handler(post(body));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The message of the error body, whose shape follows Quickchat's current API. */
function errorMessage(body: Record<string, unknown>): string {
  const errors = body['errors'] as { root: Array<{ message: string }> };
  return errors.root[0]?.message ?? '';
}

describe('the demo credentials', () => {
  it('are the ones the demo hands the proxy as an ordinary Quickchat configuration', () => {
    expect(demoProvider(CHAT_URL)).toEqual({
      kind: 'quickchat',
      apiKey: DEMO_API_KEY,
      scenarioId: DEMO_SCENARIO_ID,
      url: CHAT_URL,
    });
  });
});

describe('createDemoAssistant: Quickchat legacy POST /chat', () => {
  it('starts a conversation and answers {ord_number, conv_id, reply}', async () => {
    const assistant = createDemoAssistant();
    const { status, body } = await call(assistant, {
      ...credentials,
      text: 'How much does shipping cost?',
    });
    expect(status).toBe(200);
    // Exactly these keys, as the legacy API's documented answer.
    expect(body).toEqual({
      ord_number: 2,
      conv_id: expect.stringMatching(/^[A-Za-z0-9_-]{8,}$/),
      reply: expect.stringContaining('<br>'),
    });
  });

  it('continues a conversation without repeating conv_id, counting ord_number up', async () => {
    const assistant = createDemoAssistant();
    const first = await call(assistant, { ...credentials, text: 'Hello' });
    const convId = first.body['conv_id'];
    const second = await call(assistant, { ...credentials, conv_id: convId, text: 'Invoice?' });
    const third = await call(assistant, { ...credentials, conv_id: convId, text: 'PayPal?' });
    expect(second).toEqual({ status: 200, body: { ord_number: 4, reply: expect.any(String) } });
    expect(third.body['ord_number']).toBe(6);
    // A fresh conversation counts from the start again.
    expect((await call(assistant, { ...credentials, text: 'Hi' })).body['ord_number']).toBe(2);
  });

  it.each([
    ['api_key', { scenario_id: DEMO_SCENARIO_ID, text: 'Hi' }],
    ['scenario_id', { api_key: DEMO_API_KEY, text: 'Hi' }],
    ['text', { ...credentials }],
    ['blank text', { ...credentials, text: '   ' }],
    ['a non-object body', [1, 2]],
  ])('refuses a body without %s with 400', async (_name, body) => {
    const { status, body: answer } = await call(createDemoAssistant(), body);
    expect(status).toBe(400);
    expect(errorMessage(answer)).toBe('The parameters api_key, scenario_id, text are required.');
  });

  it.each([
    ['api_key', { api_key: 'wrong', scenario_id: DEMO_SCENARIO_ID }],
    ['scenario_id', { api_key: DEMO_API_KEY, scenario_id: 'other' }],
  ])('refuses a wrong %s with 401', async (_name, pair) => {
    const { status, body } = await call(createDemoAssistant(), { ...pair, text: 'Hi' });
    expect(status).toBe(401);
    expect(errorMessage(body)).toMatch(/^Unauthorized/);
  });

  it('refuses an unknown conv_id with the documented message', async () => {
    const { status, body } = await call(createDemoAssistant(), {
      ...credentials,
      conv_id: 'abcd1234',
      text: 'Hi',
    });
    expect(status).toBe(400);
    expect(errorMessage(body)).toBe('conv_id abcd1234 does not exist');
  });

  it('accepts message_context of 1000 characters and refuses 1001', async () => {
    const assistant = createDemoAssistant();
    const ok = await call(assistant, {
      ...credentials,
      text: 'Hi',
      message_context: 'x'.repeat(1000),
    });
    expect(ok.status).toBe(200);
    const tooLong = await call(assistant, {
      ...credentials,
      text: 'Hi',
      message_context: 'x'.repeat(1001),
    });
    expect(tooLong.status).toBe(400);
    expect(errorMessage(tooLong.body)).toBe('The limit for message_context is 1000 characters.');
  });

  it('accepts client_metadata with 5 keys and refuses 6', async () => {
    const assistant = createDemoAssistant();
    const five = { kb_topic: 'billing', a: 1, b: 2, c: 3, d: 4 };
    expect(
      (await call(assistant, { ...credentials, text: 'Hi', client_metadata: five })).status,
    ).toBe(200);
    const six = await call(assistant, {
      ...credentials,
      text: 'Hi',
      client_metadata: { ...five, e: 5 },
    });
    expect(six.status).toBe(400);
    expect(errorMessage(six.body)).toBe('client_metadata accepts at most 5 keys.');
  });

  it('mentions message_context in the reply', async () => {
    const { body } = await call(createDemoAssistant(), {
      ...credentials,
      text: 'Where is my parcel?',
      message_context: 'The user is called John.',
    });
    expect(body['reply']).toContain('The user is called John.');
  });

  it('filters by the kb_topic of every call, which may change', async () => {
    const turns: DemoTurn[] = [];
    const assistant = createDemoAssistant({ onTurn: (turn) => turns.push(turn) });
    const question = 'How do I reset my password?';
    const first = await call(assistant, {
      ...credentials,
      text: question,
      client_metadata: { kb_topic: 'billing' },
    });
    const convId = first.body['conv_id'];
    const second = await call(assistant, {
      ...credentials,
      conv_id: convId,
      text: question,
      client_metadata: { kb_topic: 'account' },
    });
    expect(first.body['reply']).toContain('“billing”');
    expect(second.body['reply']).toContain('Forgot password?');
    expect(turns.map((turn) => [turn.kbTopic, turn.articleId])).toEqual([
      ['billing', undefined],
      ['account', 'password'],
    ]);
  });

  it('records a call that lacks kb_topic in a conversation that began with it', async () => {
    const turns: DemoTurn[] = [];
    const assistant = createDemoAssistant({ onTurn: (turn) => turns.push(turn) });
    const first = await call(assistant, {
      ...credentials,
      text: 'Hi',
      client_metadata: { kb_topic: 'shipping' },
    });
    await call(assistant, { ...credentials, conv_id: first.body['conv_id'], text: 'Password?' });
    expect(turns.map((turn) => [turn.hasKbTopic, turn.missingKbTopic])).toEqual([
      [true, false],
      [false, true],
    ]);
    // Without the key the filter is gone, as it would be at Quickchat.
    expect(turns[1]?.articleId).toBe('password');
  });

  it('answers unfiltered, with the key kept, when kb_topic is sent empty', async () => {
    // The widget keeps the key on a page without a topic by sending it empty (src/client/metadata.ts).
    const turns: DemoTurn[] = [];
    const assistant = createDemoAssistant({ onTurn: (turn) => turns.push(turn) });
    const first = await call(assistant, {
      ...credentials,
      text: 'Hi',
      client_metadata: { kb_topic: 'billing' },
    });
    const next = await call(assistant, {
      ...credentials,
      conv_id: first.body['conv_id'],
      text: 'How do I reset my password?',
      client_metadata: { kb_topic: '' },
    });
    expect(next.body['reply']).toContain('Forgot password?');
    expect(turns[1]).toMatchObject({ hasKbTopic: true, missingKbTopic: false });
  });

  it('answers a conversation in the language it began in when a message gives no hint', async () => {
    const assistant = createDemoAssistant();
    const first = await call(assistant, {
      ...credentials,
      text: 'Wie lange dauert die Lieferung?',
    });
    const next = await call(assistant, {
      ...credentials,
      conv_id: first.body['conv_id'],
      text: 'PayPal?',
    });
    expect(next.body['reply']).toContain('Wir akzeptieren');
  });

  it('forgets the least recently used conversation beyond maxConversations', async () => {
    const assistant = createDemoAssistant({ maxConversations: 2 });
    const ids: unknown[] = [];
    for (const text of ['one', 'two']) {
      ids.push((await call(assistant, { ...credentials, text })).body['conv_id']);
    }
    // Using the first one makes the second the least recently used.
    expect((await call(assistant, { ...credentials, conv_id: ids[0], text: 'again' })).status).toBe(
      200,
    );
    await call(assistant, { ...credentials, text: 'three' });
    expect((await call(assistant, { ...credentials, conv_id: ids[0], text: 'x' })).status).toBe(
      200,
    );
    const dropped = await call(assistant, { ...credentials, conv_id: ids[1], text: 'x' });
    expect(errorMessage(dropped.body)).toBe(`conv_id ${String(ids[1])} does not exist`);
  });

  it('forgets a conversation idle for longer than idleMs', async () => {
    let now = 1_000_000;
    const assistant = createDemoAssistant({ now: () => now, idleMs: 60_000 });
    const first = await call(assistant, { ...credentials, text: 'Hi' });
    now += 60_000;
    const kept = await call(assistant, {
      ...credentials,
      conv_id: first.body['conv_id'],
      text: 'a',
    });
    expect(kept.status).toBe(200);
    now += 60_001;
    const expired = await call(assistant, {
      ...credentials,
      conv_id: first.body['conv_id'],
      text: 'b',
    });
    expect(expired.status).toBe(400);
  });

  it('answers 404 off the chat route and 405 for other methods', async () => {
    const assistant = createDemoAssistant();
    expect(
      (await assistant(new Request('http://demo.test/other', { method: 'POST' }))).status,
    ).toBe(404);
    const get = await assistant(new Request(CHAT_URL));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('refuses invalid JSON, non-JSON and an oversized body', async () => {
    const assistant = createDemoAssistant();
    expect((await assistant(post('{not json'))).status).toBe(400);
    expect(
      (
        await assistant(
          post({ ...credentials, text: 'Hi' }, { headers: { 'content-type': 'text/plain' } }),
        )
      ).status,
    ).toBe(415);
    expect((await assistant(post({ ...credentials, text: 'x'.repeat(40_000) }))).status).toBe(413);
  });
});
