import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/protocol.ts';
import { checkChatRequest } from '../../src/core/validate.ts';
import { createChatletProxy } from '../../src/proxy/index.ts';
import { TEST_SECRET } from '../support/proxy-harness.ts';

/**
 * Hostile input: thousands of generated requests — methods, paths, content types,
 * origins, bodies of every shape and size, broken encodings. The proxy must never answer 5xx and
 * must never call the upstream for input it refuses. The upstream is an in-process fake here, so
 * ten thousand runs take seconds; the loopback tests cover the real transport.
 */

const ORIGIN = 'https://proxy.test';
const ALLOWED = 'https://shop.example';

let upstreamCalls = 0;
const fakeUpstream: typeof fetch = async () => {
  upstreamCalls += 1;
  return new Response(JSON.stringify({ ord_number: 2, conv_id: 'c1', reply: 'ok' }), {
    headers: { 'content-type': 'application/json' },
  });
};

const handler = createChatletProxy({
  provider: {
    kind: 'quickchat',
    apiKey: 'fuzz-key',
    scenarioId: 'fuzz',
    url: 'http://127.0.0.1:9/chat',
  },
  secret: TEST_SECRET,
  allowedOrigins: [ALLOWED],
  fetch: fakeUpstream,
  ipRequestsPerMinute: 0,
  conversationRequestsPerMinute: 0,
  log: () => undefined,
});

const printable = fc.string({ unit: fc.constantFrom(...' !#$%&*+-.^_`|~abcXYZ019;=/,"') });

const scalar = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const chatShaped = fc.record(
  {
    text: fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme', maxLength: 50 }),
      fc.constant(''),
      fc.constant('x'.repeat(LIMITS.textChars + 1)),
      scalar,
    ),
    conversation: fc.oneof(fc.string(), fc.constant('c1.e30.AAAA'), scalar, fc.object()),
    message_context: fc.oneof(
      fc.string(),
      fc.constant('m'.repeat(LIMITS.messageContextChars + 1)),
      scalar,
    ),
    client_metadata: fc.oneof(
      fc.dictionary(fc.string({ maxLength: 45 }), scalar, { maxKeys: 7 }),
      fc.constant({ kb_topic: 'billing' }),
      fc.anything(),
    ),
    client_message_id: fc.oneof(fc.uuid(), fc.string(), scalar),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  chatShaped.map((value) => new TextEncoder().encode(JSON.stringify(value))),
  fc.json().map((text) => new TextEncoder().encode(text)),
  fc.string().map((text) => new TextEncoder().encode(text)),
  fc.uint8Array({ maxLength: 64 }),
  fc.constant(new TextEncoder().encode(JSON.stringify({ text: 'a'.repeat(LIMITS.bodyBytes) }))),
  fc.constant(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"text":"bom"}')])),
);

const hostile = fc.record({
  method: fc.constantFrom(
    'POST',
    'POST',
    'POST',
    'GET',
    'HEAD',
    'PUT',
    'DELETE',
    'OPTIONS',
    'PATCH',
  ),
  path: fc.oneof(
    fc.constantFrom(
      '/chat',
      '/chat',
      '/healthz',
      '/prefix/chat',
      '/',
      '/chat/',
      '/CHAT',
      '/chat?x=1',
    ),
    fc.webPath(),
  ),
  contentType: fc.option(
    fc.oneof(
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'APPLICATION/JSON',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/jsonx',
      ),
      printable,
    ),
  ),
  origin: fc.option(
    fc.oneof(fc.constantFrom(ORIGIN, ALLOWED, 'https://evil.example', 'null'), printable),
  ),
  contentLength: fc.option(fc.oneof(fc.nat().map(String), printable)),
  body,
});

/** Requests that get past the route, type and origin checks, with bodies near the valid edge. */
const nearlyValid = fc.record({
  method: fc.constant('POST'),
  path: fc.constantFrom('/chat', '/prefix/chat'),
  contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8'),
  origin: fc.option(fc.constantFrom(ORIGIN, ALLOWED)),
  contentLength: fc.constant(null),
  body: fc
    .record(
      {
        text: fc.string({ minLength: 1, maxLength: 300, unit: 'grapheme' }),
        message_context: fc.string({ maxLength: LIMITS.messageContextChars + 5 }),
        client_metadata: fc.dictionary(
          fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,41}$/),
          fc.oneof(fc.string({ maxLength: 210 }), fc.integer(), fc.boolean()),
          { maxKeys: 6 },
        ),
        client_message_id: fc.oneof(fc.uuid(), fc.stringMatching(/^[A-Za-z0-9_-]{6,66}$/)),
      },
      { requiredKeys: ['text'] },
    )
    .map((value) => new TextEncoder().encode(JSON.stringify(value))),
});

const request = fc.oneof(hostile, nearlyValid);

function parseBody(bytes: Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
}

describe('generated hostile requests', () => {
  it('never get a 5xx, and never reach the upstream when refused', async () => {
    let accepted = 0;
    const seenIds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const headers = new Headers();
        if (input.contentType !== null) headers.set('content-type', input.contentType);
        if (input.origin !== null) headers.set('origin', input.origin);
        if (input.contentLength !== null) headers.set('content-length', input.contentLength);
        const withBody = input.method !== 'GET' && input.method !== 'HEAD';
        const init: RequestInit = { method: input.method, headers };
        if (withBody) init.body = input.body;
        const before = upstreamCalls;
        const response = await handler(new Request(`${ORIGIN}${input.path}`, init));
        const calls = upstreamCalls - before;
        expect(response.status).toBeLessThan(500);
        const accepting = response.status === 200 && input.method === 'POST';
        // Accepted means: the body really is a valid chat request, and it went upstream once,
        // unless its client_message_id repeats an earlier one (then the stored answer is replayed).
        const checked = accepting ? checkChatRequest(parseBody(input.body)) : undefined;
        const id = checked?.ok === true ? checked.value.client_message_id : undefined;
        expect(checked === undefined || checked.ok).toBe(true);
        expect(calls).toBe(accepting && !(id !== undefined && seenIds.has(id)) ? 1 : 0);
        if (id !== undefined) seenIds.add(id);
        if (accepting) accepted += 1;
        const envelope = response.status >= 400 ? await response.json() : { error: { code: '' } };
        expect(typeof (envelope as { error?: { code?: unknown } }).error?.code).toBe('string');
      }),
      { numRuns: 10_000 },
    );
    // The generators also produce valid requests, so the accepting path is exercised too.
    expect(accepted).toBeGreaterThan(1000);
    // Generous for a slow CI machine; it takes a few seconds on a laptop.
  }, 120_000);
});
