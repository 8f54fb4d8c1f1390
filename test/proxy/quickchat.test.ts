import { afterEach, describe, expect, it } from 'vitest';
import {
  TEST_API_KEY,
  TEST_SCENARIO,
  TEST_TOKEN,
  errorOf,
  send,
  startHarness,
  type Harness,
} from '../support/proxy-harness.ts';
import { TRANSPORTS } from '../support/transports.ts';

let harness: Harness;
afterEach(() => harness.close());

describe('Quickchat legacy API', () => {
  it('sends api_key and scenario_id in the body, with the message fields', async () => {
    harness = await startHarness();
    await send(harness.handler, {
      text: 'Where is my parcel?',
      message_context: 'The user is on the shipping page.',
      client_metadata: { kb_topic: 'shipping' },
    });
    const [request] = harness.upstream.requests;
    expect(request?.headers['authorization']).toBeUndefined();
    expect(request?.body).toEqual({
      api_key: TEST_API_KEY,
      scenario_id: TEST_SCENARIO,
      text: 'Where is my parcel?',
      message_context: 'The user is on the shipping page.',
      client_metadata: { kb_topic: 'shipping' },
    });
  });

  it('continues the conversation and passes kb_topic on every call', async () => {
    harness = await startHarness();
    const first = await send(harness.handler, {
      text: 'Hi',
      client_metadata: { kb_topic: 'billing' },
    });
    const second = await send(harness.handler, {
      text: 'And refunds?',
      conversation: first.body['conversation'],
      client_metadata: { kb_topic: 'refunds' },
    });
    expect(second.status).toBe(200);
    expect(second.body['ord_number']).toBe(4);
    const [one, two] = harness.upstream.requests;
    expect(one?.body['conv_id']).toBeUndefined();
    expect(two?.body['conv_id']).toBe('conv1');
    expect(one?.body['client_metadata']).toEqual({ kb_topic: 'billing' });
    expect(two?.body['client_metadata']).toEqual({ kb_topic: 'refunds' });
  });

  it('keeps the conversation when a continued answer comes without conv_id', async () => {
    harness = await startHarness();
    const first = await send(harness.handler, { text: 'Hi' });
    harness.upstream.script({ kind: 'reply', reply: 'Again', omitConvId: true });
    const second = await send(harness.handler, {
      text: 'More',
      conversation: first.body['conversation'],
    });
    expect(second.body).toMatchObject({ reply: 'Again', conversation_reset: false });
    await send(harness.handler, { text: 'Third', conversation: second.body['conversation'] });
    expect(harness.upstream.requests[2]?.body['conv_id']).toBe('conv1');
  });

  it('starts over when Quickchat no longer knows the conversation', async () => {
    harness = await startHarness();
    const first = await send(harness.handler, { text: 'Hi' });
    harness.upstream.conversations.clear();
    const second = await send(harness.handler, {
      text: 'Still there?',
      conversation: first.body['conversation'],
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      conversation_reset: true,
      reply: 'Hello! You said: Still there?',
    });
    const [, refused, resent] = harness.upstream.requests;
    expect(refused?.body['conv_id']).toBe('conv1');
    expect(resent?.body['conv_id']).toBeUndefined();
    expect(resent?.body['text']).toBe('Still there?');
    const third = await send(harness.handler, {
      text: 'Good',
      conversation: second.body['conversation'],
    });
    expect(harness.upstream.requests[3]?.body['conv_id']).toBe('conv2');
    expect(third.body['conversation_reset']).toBe(false);
  });

  it('refuses a new conversation answered without conv_id as a bad response', async () => {
    harness = await startHarness();
    harness.upstream.script({ kind: 'status', status: 200, body: { reply: 'Hi', ord_number: 1 } });
    const { status, body } = await send(harness.handler, { text: 'Hi' });
    expect(status).toBe(502);
    expect(errorOf(body)['code']).toBe('upstream_error');
  });
});

describe('Quickchat current API', () => {
  it('sends the token as Bearer and keeps scenario_id, without api_key', async () => {
    harness = await startHarness({}, 'token');
    const { status } = await send(harness.handler, {
      text: 'Hi',
      client_metadata: { kb_topic: 'billing' },
    });
    expect(status).toBe(200);
    const [request] = harness.upstream.requests;
    expect(request?.headers['authorization']).toBe(`Bearer ${TEST_TOKEN}`);
    expect(request?.body).toEqual({
      scenario_id: TEST_SCENARIO,
      text: 'Hi',
      client_metadata: { kb_topic: 'billing' },
    });
  });
});

describe.each(TRANSPORTS)('upstream failures over %s', (_transport, make) => {
  it.each([
    [
      '401',
      { kind: 'status', status: 401, body: { detail: 'Unauthorized' } },
      502,
      'misconfigured',
    ],
    [
      '400 other',
      { kind: 'status', status: 400, body: { detail: 'scenario_id required' } },
      502,
      'misconfigured',
    ],
    ['302', { kind: 'raw', status: 302, body: '' }, 502, 'misconfigured'],
    ['404', { kind: 'status', status: 404, body: {} }, 502, 'misconfigured'],
    ['500', { kind: 'status', status: 500, body: { detail: 'boom' } }, 502, 'upstream_error'],
    [
      '502 HTML',
      { kind: 'raw', status: 502, body: '<html>Bad gateway</html>' },
      502,
      'upstream_error',
    ],
    [
      'truncated JSON',
      { kind: 'raw', status: 200, body: '{"reply": "Hel', contentType: 'application/json' },
      502,
      'upstream_error',
    ],
    [
      '2xx without reply',
      { kind: 'status', status: 200, body: { conv_id: 'x' } },
      502,
      'upstream_error',
    ],
    ['connection reset', { kind: 'reset' }, 502, 'upstream_error'],
  ] as const)('maps %s to %i %s', async (_name, step, status, code) => {
    harness = await startHarness({ transport: make() });
    harness.upstream.script(step);
    const response = await send(harness.handler, { text: 'Hi' });
    expect(response.status).toBe(status);
    expect(errorOf(response.body)['code']).toBe(code);
    // None of these is safe to repeat: exactly one upstream call.
    expect(harness.upstream.requests).toHaveLength(1);
  });

  it('tells the operator, not the visitor, why the upstream refused', async () => {
    harness = await startHarness({ transport: make() });
    harness.upstream.script({ kind: 'status', status: 401, body: { detail: 'Unauthorized' } });
    const { body } = await send(harness.handler, { text: 'Hi' });
    expect(String(errorOf(body)['message'])).not.toMatch(/QUICKCHAT|401/);
    const line = harness.logs.at(-1);
    expect(line).toMatchObject({
      level: 'error',
      error_code: 'misconfigured',
      upstream_failure: 'unauthorized',
      upstream_status: 401,
    });
    expect(String(line?.['detail'])).toContain('QUICKCHAT_API_KEY');
  });
});
