import type { ChatletProxyHandler } from '../../src/proxy/handler.ts';
import { createChatletProxy, type ChatletProxyOptions } from '../../src/proxy/index.ts';
import type { LogEntry } from '../../src/proxy/log.ts';
import { startQuickchatStandIn, type QuickchatStandIn } from './quickchat-stand-in.ts';

/** Test credentials, distinctive enough that a leak is found by a plain substring search. */
export const TEST_API_KEY = 'qc-key-3f9a1c77e2b84d6d9ab0c1d2e3f4a5b6';
/** The current-API token the tests configure. */
export const TEST_TOKEN = 'qc-token-b71e5a0c94d24f86a3c2e1d0f9e8d7c6';
/** The scenario id the tests configure. */
export const TEST_SCENARIO = 'scenario-42';
/** A secret of the required length. */
export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
/** Where the tests pretend the proxy is served. */
export const PROXY_ORIGIN = 'https://proxy.test';

/** A proxy wired to a fresh Quickchat stand-in, with its log lines collected. */
export interface Harness {
  upstream: QuickchatStandIn;
  handler: ChatletProxyHandler;
  logs: LogEntry[];
  /** Waits recorded by the injected `sleep`, in ms; nothing really waits. */
  sleeps: number[];
  close(): Promise<void>;
}

/** The legacy Quickchat provider at a stand-in's `url`, with the test credentials. */
export const quickchatAt = (url: string) =>
  ({ kind: 'quickchat', apiKey: TEST_API_KEY, scenarioId: TEST_SCENARIO, url }) as const;

/** Starts a legacy Quickchat stand-in and a proxy in front of it; `overrides` adjust the options. */
export async function startHarness(
  overrides: Partial<ChatletProxyOptions> = {},
  upstreamMode: 'legacy' | 'token' = 'legacy',
): Promise<Harness> {
  const upstream = await startQuickchatStandIn(
    upstreamMode === 'legacy'
      ? { apiKey: TEST_API_KEY, scenarioId: TEST_SCENARIO }
      : { token: TEST_TOKEN, scenarioId: TEST_SCENARIO },
  );
  const logs: LogEntry[] = [];
  const sleeps: number[] = [];
  const handler = createChatletProxy({
    provider:
      upstreamMode === 'legacy'
        ? quickchatAt(upstream.url)
        : { kind: 'quickchat', token: TEST_TOKEN, scenarioId: TEST_SCENARIO, url: upstream.url },
    secret: TEST_SECRET,
    log: (entry) => void logs.push(entry),
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...overrides,
  });
  return { upstream, handler, logs, sleeps, close: () => upstream.close() };
}

/** A `POST /chat` request with a JSON body (a string body is sent as is). */
export function chatRequest(
  body: unknown,
  init: { headers?: Record<string, string>; path?: string } = {},
): Request {
  return new Request(`${PROXY_ORIGIN}${init.path ?? '/chat'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Sends one message through the handler and returns the status and parsed body. */
export async function send(
  handler: ChatletProxyHandler,
  body: unknown,
  init: { headers?: Record<string, string>; clientIp?: string } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await handler(
    chatRequest(body, init),
    init.clientIp === undefined ? {} : { clientIp: init.clientIp },
  );
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

/** The `error` object of an error envelope. */
export function errorOf(body: Record<string, unknown>): Record<string, unknown> {
  return body['error'] as Record<string, unknown>;
}
