import { afterEach, describe, expect, it, vi } from 'vitest';
import { HttpError } from '../../src/proxy/http-error.ts';
import { consoleLogger, type LogEntry } from '../../src/proxy/log.ts';
import { UpstreamError } from '../../src/proxy/provider.ts';
import { logRequest, type RequestFacts } from '../../src/proxy/request-log.ts';

afterEach(() => vi.restoreAllMocks());

const base: RequestFacts = {
  requestId: '7d0c3b0e-5f1a-4c9e-9d2b-3a4f5e6d7c8b',
  method: 'POST',
  path: '/support/chat',
  status: 200,
  provider: 'quickchat',
  latencyMs: 12,
  facts: {},
  origin: undefined,
  failure: undefined,
  cause: undefined,
};

const cases: Array<[string, RequestFacts]> = [
  [
    'an answered message with facts',
    { ...base, facts: { retries: 1, replayed: false, conversation_reset: false } },
  ],
  [
    'message text, opted in, with quotes and non-ASCII',
    { ...base, facts: { text: 'Wie "geht\'s"?\n👋', reply: '</script>' } },
  ],
  ['an origin', { ...base, origin: 'https://shop.example' }],
  [
    'an upstream failure',
    {
      ...base,
      status: 502,
      failure: new HttpError(502, 'misconfigured', 'The assistant is not set up.'),
      cause: new UpstreamError('unauthorized', 'QUICKCHAT_API_KEY was refused.', { status: 401 }),
    },
  ],
  [
    'a bug',
    {
      ...base,
      status: 500,
      failure: new HttpError(500, 'internal', 'Something went wrong.'),
      cause: new TypeError('x is undefined'),
    },
  ],
  ['a refusal', { ...base, status: 429, failure: new HttpError(429, 'rate_limited', 'Wait.') }],
];

describe('the request log line', () => {
  it.each(cases)(
    'is the same text and order for the console as the entry a logger gets: %s',
    (_, facts) => {
      const lines: string[] = [];
      vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
      vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(`E${line}`));
      logRequest(consoleLogger, facts);
      const entries: LogEntry[] = [];
      logRequest((entry) => void entries.push(entry), facts);

      expect(lines).toHaveLength(1);
      const line = lines[0] ?? '';
      const entry = entries[0] as LogEntry;
      const text = line.startsWith('E') ? line.slice(1) : line;
      expect(line.startsWith('E')).toBe(entry.level === 'error');
      const parsed = JSON.parse(text) as Record<string, unknown>;
      expect(typeof parsed['time']).toBe('string');
      // What consoleLogger itself would write for that entry, time aside.
      expect(text).toBe(JSON.stringify({ time: parsed['time'], ...entry }));
    },
  );
});
