import { toBase64Url } from './conversation-token.ts';
import { providerFromEnv } from './env-provider.ts';
import { fail, flag, integer, value, type Env } from './env-values.ts';
import type { ChatletProxyOptions, ProviderConfig } from './options.ts';
import { MIN_SECRET_CHARS, checkOrigin } from './resolve-options.ts';

export type { Env } from './env-values.ts';

const PROVIDERS = ['quickchat', 'famulor', 'demo'] as const;

/** The provider the environment selects: `CHATLET_PROVIDER`, else the one whose credentials are set. */
export function providerKindFromEnv(env: Env): ProviderConfig['kind'] {
  const chosen = value(env, 'CHATLET_PROVIDER');
  if (chosen !== undefined) {
    const kind = PROVIDERS.find((name) => name === chosen.toLowerCase());
    if (kind === undefined) {
      throw fail(
        'CHATLET_PROVIDER',
        `is "${chosen}": set it to quickchat, famulor or demo (or leave it unset)`,
      );
    }
    return kind;
  }
  if (
    value(env, 'QUICKCHAT_TOKEN') !== undefined ||
    value(env, 'QUICKCHAT_API_KEY') !== undefined
  ) {
    return 'quickchat';
  }
  return value(env, 'FAMULOR_API_TOKEN') !== undefined ? 'famulor' : 'demo';
}

/** Where the Node proxy listens: `PORT` (default 8787) and `HOST` (default 127.0.0.1). */
export function listenAddressFromEnv(env: Env): { port: number; host: string } {
  return {
    port: integer(env, 'PORT', 8787, 0, 65_535, 'a port number from 0 to 65535'),
    host: value(env, 'HOST') ?? '127.0.0.1',
  };
}

/**
 * Reads the proxy's options from the environment (README, "Configuration"). A missing or
 * wrong setting throws a {@link ProxyConfigError} whose one-line message names it and the fix.
 */
export function proxyOptionsFromEnv(
  env: Env,
  extras: { demoUpstreamUrl?: string; fetch?: typeof fetch } = {},
): ChatletProxyOptions {
  const kind = providerKindFromEnv(env);
  listenAddressFromEnv(env);
  const options: ChatletProxyOptions = {
    provider: providerFromEnv(env, kind, extras.demoUpstreamUrl),
    secret: secretFromEnv(env, kind),
    previousSecrets: previousSecretFromEnv(env),
    allowedOrigins: originsFromEnv(env),
    upstreamTimeoutMs: integer(
      env,
      'CHATLET_UPSTREAM_TIMEOUT_MS',
      30_000,
      1,
      600_000,
      'milliseconds, e.g. 30000',
    ),
    ipRequestsPerMinute: integer(
      env,
      'CHATLET_IP_REQUESTS_PER_MINUTE',
      30,
      0,
      1_000_000,
      'a whole number (0 = no limit)',
    ),
    conversationRequestsPerMinute: integer(
      env,
      'CHATLET_CONVERSATION_REQUESTS_PER_MINUTE',
      12,
      0,
      1_000_000,
      'a whole number (0 = no limit)',
    ),
    trustProxy: flag(env, 'CHATLET_TRUST_PROXY'),
    logMessages: flag(env, 'CHATLET_LOG_MESSAGES'),
  };
  if (kind === 'famulor') {
    options.upstreamBudget = {
      perMinute: integer(
        env,
        'FAMULOR_REQUESTS_PER_MINUTE',
        5,
        1,
        10_000,
        'a whole number of at least 1 (Famulor allows 5)',
      ),
    };
  }
  if (extras.fetch !== undefined) options.fetch = extras.fetch;
  return options;
}

function secretFromEnv(env: Env, kind: ProviderConfig['kind']): string {
  const secret = value(env, 'CHATLET_SECRET');
  if (secret === undefined) {
    if (kind !== 'demo') {
      throw fail(
        'CHATLET_SECRET',
        `is missing: set it to a random string of at least ${MIN_SECRET_CHARS} characters, e.g. the output of \`openssl rand -base64 32\``,
      );
    }
    // The demo may forget its conversations on restart; a real deployment may not.
    return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  }
  if (secret.length < MIN_SECRET_CHARS) {
    throw fail(
      'CHATLET_SECRET',
      `is ${secret.length} characters long: use at least ${MIN_SECRET_CHARS}, e.g. the output of \`openssl rand -base64 32\``,
    );
  }
  return secret;
}

function previousSecretFromEnv(env: Env): string[] {
  const previous = value(env, 'CHATLET_PREVIOUS_SECRET');
  if (previous === undefined) return [];
  if (previous.length < MIN_SECRET_CHARS) {
    throw fail(
      'CHATLET_PREVIOUS_SECRET',
      `is ${previous.length} characters long: set it to the former CHATLET_SECRET (at least ${MIN_SECRET_CHARS} characters) or leave it unset`,
    );
  }
  return [previous];
}

function originsFromEnv(env: Env): string[] {
  const list = value(env, 'CHATLET_ALLOWED_ORIGINS');
  if (list === undefined) return [];
  return list
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '')
    .map((origin) => {
      try {
        return checkOrigin(origin);
      } catch {
        throw fail(
          'CHATLET_ALLOWED_ORIGINS',
          `contains "${origin}", which is not an origin: write scheme://host[:port] without a path or trailing slash, e.g. https://www.example.com`,
        );
      }
    });
}
