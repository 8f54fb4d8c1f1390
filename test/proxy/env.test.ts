import { describe, expect, it } from 'vitest';
import {
  ProxyConfigError,
  createChatletProxy,
  listenAddressFromEnv,
  proxyOptionsFromEnv,
  type Env,
} from '../../src/proxy/index.ts';
import { resolveProviderConfig } from '../../src/proxy/providers/resolve-provider.ts';

const SECRET = 's'.repeat(32);
const legacy: Env = { QUICKCHAT_API_KEY: 'k', QUICKCHAT_SCENARIO_ID: 'sc', CHATLET_SECRET: SECRET };
const famulor: Env = {
  FAMULOR_API_TOKEN: 't',
  FAMULOR_ASSISTANT_ID: '123',
  CHATLET_SECRET: SECRET,
};

/** The one-line message the environment `env` is refused with, read or resolved. */
function refusal(env: Env): string {
  let caught: unknown;
  try {
    createChatletProxy(proxyOptionsFromEnv(env));
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ProxyConfigError);
  const message = (caught as Error).message;
  expect(message).not.toContain('\n');
  return message;
}

describe('provider selection', () => {
  it('refuses to start with no credentials: there is no silent demo', () => {
    expect(refusal({})).toMatch(
      /^CHATLET_PROVIDER is unset and no credentials are set: set QUICKCHAT_TOKEN/,
    );
  });

  it('uses the legacy Quickchat API with QUICKCHAT_API_KEY, its URL filled on resolve', () => {
    expect(proxyOptionsFromEnv(legacy).provider).toEqual({
      kind: 'quickchat',
      apiKey: 'k',
      scenarioId: 'sc',
    });
    expect(resolveProviderConfig(proxyOptionsFromEnv(legacy).provider)).toMatchObject({
      url: 'https://chat.quickchat.ai/chat',
    });
  });

  it('uses the current Quickchat API with QUICKCHAT_TOKEN', () => {
    const env = { QUICKCHAT_TOKEN: 'tok', QUICKCHAT_SCENARIO_ID: 'sc', CHATLET_SECRET: SECRET };
    const { provider } = proxyOptionsFromEnv(env);
    expect(provider).toEqual({ kind: 'quickchat', token: 'tok', scenarioId: 'sc' });
    expect(resolveProviderConfig(provider)).toMatchObject({ url: 'https://app.quickchat.ai/chat' });
  });

  it('only maps: an unset variable leaves its option unset, for resolveProxyOptions to default', () => {
    expect(proxyOptionsFromEnv(legacy)).toEqual({
      provider: { kind: 'quickchat', apiKey: 'k', scenarioId: 'sc' },
      secret: SECRET,
    });
    expect(proxyOptionsFromEnv({ ...legacy, CHATLET_SECRET: '' }).secret).toBe('');
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
      forwardFunctions: ['book_slot', 'check_slot'],
    });
    expect(options.upstreamBudget).toEqual({ perMinute: 3 });
  });

  it('lets CHATLET_PROVIDER choose explicitly', () => {
    const env = { ...legacy, ...famulor, CHATLET_PROVIDER: 'famulor' };
    expect(proxyOptionsFromEnv(env).provider.kind).toBe('famulor');
  });

  it('takes an upstream the caller already knows, reading no provider variable', () => {
    const provider = { kind: 'quickchat' as const, apiKey: 'x', scenarioId: 'y' };
    expect(proxyOptionsFromEnv({ CHATLET_PROVIDER: 'demo' }, { provider }).provider).toBe(provider);
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
      /^CHATLET_PROVIDER is "openai": set it to quickchat or famulor/,
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
      /^provider.url \(QUICKCHAT_API_URL\) is not an http\(s\) URL/,
    ],
    [
      'ftp URL',
      { ...famulor, FAMULOR_API_URL: 'ftp://x/y' },
      /^provider.url \(FAMULOR_API_URL\) is not an http\(s\) URL/,
    ],
    [
      'missing secret',
      { QUICKCHAT_API_KEY: 'k', QUICKCHAT_SCENARIO_ID: 'sc' },
      /^secret \(CHATLET_SECRET\) is missing: .*openssl rand -base64 32/,
    ],
    [
      'short secret',
      { ...legacy, CHATLET_SECRET: 'short' },
      /^secret \(CHATLET_SECRET\) is 5 characters long: use at least 32/,
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
      /^upstreamBudget.perMinute \(FAMULOR_REQUESTS_PER_MINUTE\) is 0: set it to a whole number from 1/,
    ],
    [
      'bad function name',
      { ...famulor, FAMULOR_FORWARD_FUNCTIONS: 'ok,not ok' },
      /^provider.forwardFunctions \(FAMULOR_FORWARD_FUNCTIONS\) contains "not ok"/,
    ],
    [
      'origin with path',
      { ...legacy, CHATLET_ALLOWED_ORIGINS: 'https://example.com/' },
      /^allowedOrigins \(CHATLET_ALLOWED_ORIGINS\) contains "https:\/\/example.com\/"/,
    ],
    [
      'wildcard origin',
      { ...legacy, CHATLET_ALLOWED_ORIGINS: '*' },
      /^allowedOrigins \(CHATLET_ALLOWED_ORIGINS\) contains "\*"/,
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
      /^previousSecrets \(CHATLET_PREVIOUS_SECRET\) is 3 characters long/,
    ],
    ['bad port', { ...legacy, PORT: '70000' }, /^PORT is "70000"/],
    [
      'public origin with a path',
      { ...legacy, CHATLET_PUBLIC_ORIGIN: 'https://chat.example.com/chat' },
      /^publicOrigin \(CHATLET_PUBLIC_ORIGIN\) contains "https:\/\/chat.example.com\/chat"/,
    ],
    [
      'a typo with a close name',
      { ...legacy, QUICKCHAT_APIKEY: 'k' },
      /^QUICKCHAT_APIKEY is not a Chatlet setting: did you mean QUICKCHAT_API_KEY\?$/,
    ],
    [
      'a typo in a limit',
      { ...legacy, CHATLET_IP_REQUEST_PER_MINUTE: '5' },
      /^CHATLET_IP_REQUEST_PER_MINUTE is not a Chatlet setting: did you mean CHATLET_IP_REQUESTS_PER_MINUTE\?$/,
    ],
    [
      'an unknown variable with nothing close',
      { ...legacy, FAMULOR_WEBHOOK_SIGNING_MODE: 'x' },
      /^FAMULOR_WEBHOOK_SIGNING_MODE is not a Chatlet setting: remove it/,
    ],
    ['port word', { ...legacy, PORT: 'http' }, /^PORT is "http"/],
  ])('%s', (_name, env, expected) => {
    expect(refusal(env)).toMatch(expected);
  });

  it("knows no demo: CHATLET_PROVIDER=demo is the CLI's, not the proxy's", () => {
    expect(refusal({ ...legacy, CHATLET_PROVIDER: 'demo' })).toMatch(/^CHATLET_PROVIDER is "demo"/);
  });

  it('ignores variables of other programs', () => {
    expect(() => proxyOptionsFromEnv({ ...legacy, CHATLETX: '1', NODE_ENV: 'x' })).not.toThrow();
  });

  it('keeps a value with a newline on one line', () => {
    expect(refusal({ CHATLET_PROVIDER: 'x\ny' })).not.toContain('\n');
  });

  it('refuses programmatic options as clearly', () => {
    expect(() =>
      createChatletProxy({
        provider: { kind: 'quickchat', apiKey: 'k', scenarioId: 'sc' },
        secret: 'short',
      }),
    ).toThrow(/^secret \(CHATLET_SECRET\) is 5 characters long/);
    expect(() =>
      createChatletProxy({
        provider: { kind: 'quickchat', apiKey: 'k', scenarioId: 'sc' },
        secret: SECRET,
        allowedOrigins: ['example.com'],
      }),
    ).toThrow(/not an origin/);
  });
});
