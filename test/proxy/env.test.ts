import { describe, expect, it } from 'vitest';
import {
  ProxyConfigError,
  createChatletProxy,
  listenAddressFromEnv,
  proxyOptionsFromEnv,
  type Env,
} from '../../src/proxy/index.ts';

const SECRET = 's'.repeat(32);
const legacy: Env = { QUICKCHAT_API_KEY: 'k', QUICKCHAT_SCENARIO_ID: 'sc', CHATLET_SECRET: SECRET };
const famulor: Env = {
  FAMULOR_API_TOKEN: 't',
  FAMULOR_ASSISTANT_ID: '123',
  CHATLET_SECRET: SECRET,
};

/** The one-line message `proxyOptionsFromEnv` refuses `env` with. */
function refusal(env: Env, extras = {}): string {
  let caught: unknown;
  try {
    proxyOptionsFromEnv(env, extras);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ProxyConfigError);
  const message = (caught as Error).message;
  expect(message).not.toContain('\n');
  return message;
}

describe('provider selection', () => {
  it('uses the demo when no credentials are set', () => {
    const options = proxyOptionsFromEnv({}, { demoUpstreamUrl: 'http://127.0.0.1:1/chat' });
    expect(options.provider).toEqual({ kind: 'demo', url: 'http://127.0.0.1:1/chat' });
    // A random per-process secret, long enough for createChatletProxy.
    expect(options.secret.length).toBeGreaterThanOrEqual(32);
    expect(() => createChatletProxy(options)).not.toThrow();
  });

  it('uses the legacy Quickchat API with QUICKCHAT_API_KEY', () => {
    expect(proxyOptionsFromEnv(legacy).provider).toEqual({
      kind: 'quickchat',
      apiKey: 'k',
      scenarioId: 'sc',
      url: 'https://chat.quickchat.ai/chat',
    });
  });

  it('uses the current Quickchat API with QUICKCHAT_TOKEN', () => {
    const env = { QUICKCHAT_TOKEN: 'tok', QUICKCHAT_SCENARIO_ID: 'sc', CHATLET_SECRET: SECRET };
    expect(proxyOptionsFromEnv(env).provider).toEqual({
      kind: 'quickchat',
      token: 'tok',
      scenarioId: 'sc',
      url: 'https://app.quickchat.ai/chat',
    });
  });

  it('honours QUICKCHAT_API_URL', () => {
    const env = { ...legacy, QUICKCHAT_API_URL: 'http://127.0.0.1:9/chat' };
    expect(proxyOptionsFromEnv(env).provider).toMatchObject({ url: 'http://127.0.0.1:9/chat' });
  });

  it('uses Famulor with FAMULOR_API_TOKEN, with its budget and allowlist', () => {
    const options = proxyOptionsFromEnv({
      ...famulor,
      FAMULOR_REQUESTS_PER_MINUTE: '3',
      FAMULOR_FORWARD_FUNCTIONS: 'book_slot, check_slot',
    });
    expect(options.provider).toEqual({
      kind: 'famulor',
      token: 't',
      assistantId: 123,
      url: 'https://app.famulor.de/api/ai/generate-reply',
      forwardFunctions: ['book_slot', 'check_slot'],
    });
    expect(options.upstreamBudget).toEqual({ perMinute: 3 });
  });

  it('lets CHATLET_PROVIDER choose explicitly', () => {
    const env = { ...legacy, CHATLET_PROVIDER: 'demo' };
    expect(
      proxyOptionsFromEnv(env, { demoUpstreamUrl: 'http://127.0.0.1:1/chat' }).provider.kind,
    ).toBe('demo');
  });

  it('reads the limits, flags and origins', () => {
    const options = proxyOptionsFromEnv({
      ...legacy,
      CHATLET_ALLOWED_ORIGINS: 'https://www.example.com, http://localhost:3000',
      CHATLET_UPSTREAM_TIMEOUT_MS: '5000',
      CHATLET_IP_REQUESTS_PER_MINUTE: '100',
      CHATLET_CONVERSATION_REQUESTS_PER_MINUTE: '0',
      CHATLET_TRUST_PROXY: 'true',
      CHATLET_LOG_MESSAGES: '1',
    });
    expect(options).toMatchObject({
      allowedOrigins: ['https://www.example.com', 'http://localhost:3000'],
      upstreamTimeoutMs: 5000,
      ipRequestsPerMinute: 100,
      conversationRequestsPerMinute: 0,
      trustProxy: true,
      logMessages: true,
    });
  });

  it('reads PORT and HOST with defaults', () => {
    expect(listenAddressFromEnv({})).toEqual({ port: 8787, host: '127.0.0.1' });
    expect(listenAddressFromEnv({ PORT: '3000', HOST: '0.0.0.0' })).toEqual({
      port: 3000,
      host: '0.0.0.0',
    });
  });
});

describe('refusals: one line naming the variable and the fix', () => {
  it.each<[string, Env, RegExp]>([
    [
      'unknown provider',
      { CHATLET_PROVIDER: 'openai' },
      /^CHATLET_PROVIDER .*quickchat, famulor or demo/,
    ],
    [
      'missing scenario',
      { QUICKCHAT_API_KEY: 'k', CHATLET_SECRET: SECRET },
      /^QUICKCHAT_SCENARIO_ID is missing: set it to your scenario id from Quickchat's Integrations → API page/,
    ],
    [
      'both Quickchat credentials',
      { ...legacy, QUICKCHAT_TOKEN: 't' },
      /^QUICKCHAT_TOKEN and QUICKCHAT_API_KEY are both set/,
    ],
    [
      'quickchat without key',
      { CHATLET_PROVIDER: 'quickchat', QUICKCHAT_SCENARIO_ID: 'sc', CHATLET_SECRET: SECRET },
      /^QUICKCHAT_API_KEY is missing/,
    ],
    [
      'bad URL',
      { ...legacy, QUICKCHAT_API_URL: 'chat.quickchat.ai' },
      /^QUICKCHAT_API_URL is not an http\(s\) URL/,
    ],
    [
      'ftp URL',
      { ...famulor, FAMULOR_API_URL: 'ftp://x/y' },
      /^FAMULOR_API_URL is not an http\(s\) URL/,
    ],
    [
      'missing secret',
      { QUICKCHAT_API_KEY: 'k', QUICKCHAT_SCENARIO_ID: 'sc' },
      /^CHATLET_SECRET is missing: .*openssl rand -base64 32/,
    ],
    [
      'short secret',
      { ...legacy, CHATLET_SECRET: 'short' },
      /^CHATLET_SECRET is 5 characters long: use at least 32/,
    ],
    [
      'assistant id not an integer',
      { ...famulor, FAMULOR_ASSISTANT_ID: '12.5' },
      /^FAMULOR_ASSISTANT_ID is "12.5"/,
    ],
    [
      'assistant id missing',
      { FAMULOR_API_TOKEN: 't', CHATLET_SECRET: SECRET },
      /^FAMULOR_ASSISTANT_ID is missing/,
    ],
    [
      'zero budget',
      { ...famulor, FAMULOR_REQUESTS_PER_MINUTE: '0' },
      /^FAMULOR_REQUESTS_PER_MINUTE is "0"/,
    ],
    [
      'bad function name',
      { ...famulor, FAMULOR_FORWARD_FUNCTIONS: 'ok,not ok' },
      /^FAMULOR_FORWARD_FUNCTIONS contains "not ok"/,
    ],
    [
      'origin with path',
      { ...legacy, CHATLET_ALLOWED_ORIGINS: 'https://example.com/' },
      /^CHATLET_ALLOWED_ORIGINS contains "https:\/\/example.com\/"/,
    ],
    [
      'wildcard origin',
      { ...legacy, CHATLET_ALLOWED_ORIGINS: '*' },
      /^CHATLET_ALLOWED_ORIGINS contains "\*"/,
    ],
    [
      'negative limit',
      { ...legacy, CHATLET_IP_REQUESTS_PER_MINUTE: '-1' },
      /^CHATLET_IP_REQUESTS_PER_MINUTE is "-1"/,
    ],
    [
      'timeout word',
      { ...legacy, CHATLET_UPSTREAM_TIMEOUT_MS: '30s' },
      /^CHATLET_UPSTREAM_TIMEOUT_MS is "30s"/,
    ],
    [
      'bad flag',
      { ...legacy, CHATLET_TRUST_PROXY: 'maybe' },
      /^CHATLET_TRUST_PROXY is "maybe": set it to true or false/,
    ],
    [
      'short previous secret',
      { ...legacy, CHATLET_PREVIOUS_SECRET: 'old' },
      /^CHATLET_PREVIOUS_SECRET is 3 characters long/,
    ],
    ['bad port', { ...legacy, PORT: '70000' }, /^PORT is "70000"/],
    ['port word', { ...legacy, PORT: 'http' }, /^PORT is "http"/],
  ])('%s', (_name, env, expected) => {
    expect(refusal(env)).toMatch(expected);
  });

  it('refuses the demo without a running demo assistant', () => {
    expect(refusal({})).toMatch(/^CHATLET_PROVIDER is demo but no demo assistant is running/);
  });

  it('keeps a value with a newline on one line', () => {
    expect(refusal({ CHATLET_PROVIDER: 'x\ny' })).not.toContain('\n');
  });

  it('refuses programmatic options as clearly', () => {
    expect(() =>
      createChatletProxy({
        provider: { kind: 'demo', url: 'http://127.0.0.1:1/chat' },
        secret: 'short',
      }),
    ).toThrow(ProxyConfigError);
    expect(() =>
      createChatletProxy({
        provider: { kind: 'demo', url: 'http://127.0.0.1:1/chat' },
        secret: SECRET,
        allowedOrigins: ['example.com'],
      }),
    ).toThrow(/not an origin/);
  });
});
