import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/protocol.ts';
import {
  PROXY_ORIGIN,
  chatRequest,
  errorOf,
  send,
  startHarness,
  type Harness,
} from '../support/proxy-harness.ts';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(() => harness.close());

describe('routes', () => {
  it('answers a message through the upstream with a conversation token', async () => {
    const { status, body } = await send(harness.handler, { text: 'Hi' });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      reply: 'Hello! You said: Hi',
      ord_number: 2,
      handoff: false,
      conversation_reset: false,
    });
    expect(typeof body['conversation']).toBe('string');
  });

  it('reports health without anything secret', async () => {
    const response = await harness.handler(new Request(`${PROXY_ORIGIN}/healthz`));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, provider: 'quickchat', state: 'memory' });
  });

  it('answers HEAD /healthz without a body', async () => {
    const response = await harness.handler(
      new Request(`${PROXY_ORIGIN}/healthz`, { method: 'HEAD' }),
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('works mounted under a path prefix', async () => {
    const response = await harness.handler(
      chatRequest({ text: 'Hi' }, { path: '/api/support/chat' }),
    );
    expect(response.status).toBe(200);
    const health = await harness.handler(new Request(`${PROXY_ORIGIN}/api/support/healthz`));
    expect(health.status).toBe(200);
  });

  it('answers unknown paths with a 404 envelope', async () => {
    const response = await harness.handler(new Request(`${PROXY_ORIGIN}/chatty`));
    expect(response.status).toBe(404);
    expect(errorOf(await response.json())['code']).toBe('not_found');
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const response = await harness.handler(new Request(`${PROXY_ORIGIN}/chat`));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
    expect(errorOf(await response.json())['code']).toBe('method_not_allowed');
    const health = await harness.handler(
      new Request(`${PROXY_ORIGIN}/healthz`, { method: 'POST' }),
    );
    expect(health.status).toBe(405);
  });

  it('tags every answer with a request id', async () => {
    const response = await harness.handler(new Request(`${PROXY_ORIGIN}/nowhere`));
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('input checks, each without an upstream call', () => {
  it('refuses a body that is not JSON by content type with 415', async () => {
    const response = await harness.handler(
      new Request(`${PROXY_ORIGIN}/chat`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: '{"text":"Hi"}',
      }),
    );
    expect(response.status).toBe(415);
    expect(errorOf(await response.json())['code']).toBe('unsupported_media_type');
    expect(harness.upstream.requests).toHaveLength(0);
  });

  it('refuses look-alike content types such as application/jsonp', async () => {
    const similar = await send(
      harness.handler,
      { text: 'Hi' },
      { headers: { 'content-type': 'application/jsonp' } },
    );
    expect(similar.status).toBe(415);
    expect(harness.upstream.requests).toHaveLength(0);
  });

  it('refuses invalid JSON with 400 invalid_json', async () => {
    const { status, body } = await send(harness.handler, '{"text": "Hi"');
    expect(status).toBe(400);
    expect(errorOf(body)['code']).toBe('invalid_json');
    expect(harness.upstream.requests).toHaveLength(0);
  });

  it('refuses malformed UTF-8 as invalid JSON', async () => {
    const response = await harness.handler(
      new Request(`${PROXY_ORIGIN}/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]),
      }),
    );
    expect(response.status).toBe(400);
    expect(errorOf(await response.json())['code']).toBe('invalid_json');
    expect(harness.upstream.requests).toHaveLength(0);
  });

  it('refuses a body over 16 KiB with 413, even without Content-Length', async () => {
    const text = 'a'.repeat(LIMITS.bodyBytes);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify({ text })));
        controller.close();
      },
    });
    const response = await harness.handler(
      new Request(`${PROXY_ORIGIN}/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(errorOf(await response.json())['code']).toBe('payload_too_large');
    expect(harness.upstream.requests).toHaveLength(0);
  });

  it('refuses a declared Content-Length over the limit before reading', async () => {
    const { status } = await send(
      harness.handler,
      { text: 'Hi' },
      { headers: { 'content-length': String(LIMITS.bodyBytes + 1) } },
    );
    expect(status).toBe(413);
    expect(harness.upstream.requests).toHaveLength(0);
  });

  it.each([
    [{}, 'text'],
    [{ text: '   ' }, 'text'],
    [{ text: 'x'.repeat(LIMITS.textChars + 1) }, 'text'],
    [
      { text: 'Hi', message_context: 'c'.repeat(LIMITS.messageContextChars + 1) },
      'message_context',
    ],
    [{ text: 'Hi', client_metadata: { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 } }, 'client_metadata'],
    [{ text: 'Hi', client_metadata: { kb_topic: { nested: true } } }, 'client_metadata.kb_topic'],
    [{ text: 'Hi', client_message_id: 'short' }, 'client_message_id'],
    [{ text: 'Hi', conversation: 42 }, 'conversation'],
    [['not', 'an', 'object'], 'body'],
  ])('refuses %j with 400 naming %s', async (input, field) => {
    const { status, body } = await send(harness.handler, input);
    expect(status).toBe(400);
    expect(errorOf(body)).toMatchObject({ code: 'bad_request', field });
    expect(harness.upstream.requests).toHaveLength(0);
  });
});
