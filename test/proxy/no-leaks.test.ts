import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuickchatStep } from '../support/quickchat-stand-in.ts';
import {
  TEST_API_KEY,
  TEST_SECRET,
  TEST_TOKEN,
  send,
  startHarness,
  type Harness,
} from '../support/proxy-harness.ts';

/** Marks upstream error bodies, so any echo of one is found by a substring search. */
const UPSTREAM_MARK = 'UPSTREAM-BODY-7c1e';

const FAILURES: Array<[string, QuickchatStep]> = [
  [
    '401',
    { kind: 'status', status: 401, body: { detail: `${UPSTREAM_MARK} bad key ${TEST_API_KEY}` } },
  ],
  [
    '400',
    { kind: 'status', status: 400, body: { detail: `${UPSTREAM_MARK} api_key ${TEST_API_KEY}` } },
  ],
  [
    '429',
    {
      kind: 'status',
      status: 429,
      body: { detail: UPSTREAM_MARK },
      headers: { 'retry-after': '90' },
    },
  ],
  ['500', { kind: 'status', status: 500, body: { detail: `${UPSTREAM_MARK} Traceback` } }],
  ['502 HTML', { kind: 'raw', status: 502, body: `<html>${UPSTREAM_MARK}</html>` }],
  ['503', { kind: 'status', status: 503, body: { detail: UPSTREAM_MARK } }],
  ['302', { kind: 'raw', status: 302, body: UPSTREAM_MARK }],
  [
    'truncated',
    {
      kind: 'raw',
      status: 200,
      body: `{"reply":"${UPSTREAM_MARK}`,
      contentType: 'application/json',
    },
  ],
  ['reset', { kind: 'reset' }],
  ['hang', { kind: 'hang' }],
];

/** Everything a browser could see of an answer: status line, headers and body. */
async function everything(response: Response): Promise<string> {
  const headers: string[] = [];
  response.headers.forEach((value, name) => headers.push(`${name}: ${value}`));
  return `${response.status}\n${headers.join('\n')}\n\n${await response.text()}`;
}

describe.each(['legacy', 'token'] as const)('no secret or upstream body leaks (%s API)', (mode) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ upstreamTimeoutMs: 200, ipRequestsPerMinute: 0 }, mode);
  });
  afterAll(() => harness.close());

  it.each(FAILURES)('after an upstream %s', async (_name, step) => {
    const unavailable = step.kind === 'status' && step.status === 503;
    // 503 is retried: script it for every attempt, so the failure reaches the browser.
    harness.upstream.script(...(unavailable ? [step, step, step, step] : [step]));
    const response = await harness.handler(
      new Request('https://proxy.test/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://proxy.test' },
        body: JSON.stringify({ text: 'Hi' }),
      }),
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    const seen = await everything(response);
    for (const secret of [TEST_API_KEY, TEST_TOKEN, TEST_SECRET, UPSTREAM_MARK, 'Traceback']) {
      expect(seen).not.toContain(secret);
    }
    // No stack trace either: its frames look like "    at fn (file:line)".
    expect(seen).not.toMatch(/\n\s+at /);
  });

  it('in a successful answer and its token', async () => {
    const first = await send(harness.handler, { text: 'Hi' });
    const seen = JSON.stringify(first.body);
    for (const secret of [TEST_API_KEY, TEST_TOKEN, TEST_SECRET])
      expect(seen).not.toContain(secret);
    // The token is signed, not encrypted: it may show the conversation id, never a credential.
    const payload = atob(
      String(first.body['conversation']).split('.')[1]?.replaceAll('-', '+').replaceAll('_', '/') ??
        '',
    );
    for (const secret of [TEST_API_KEY, TEST_TOKEN, TEST_SECRET])
      expect(payload).not.toContain(secret);
  });

  it('in any log line', () => {
    const logged = JSON.stringify(harness.logs);
    for (const secret of [TEST_API_KEY, TEST_TOKEN, TEST_SECRET, UPSTREAM_MARK]) {
      expect(logged).not.toContain(secret);
    }
  });
});
