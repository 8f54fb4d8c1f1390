import { ProxyConfigError } from './config-error.ts';
import { toBase64Url } from './conversation-token.ts';
import type { ChatletProxyOptions, ProviderConfig } from './options.ts';
import { QUICKCHAT_CURRENT_URL, QUICKCHAT_LEGACY_URL } from './providers/quickchat.ts';
import { MIN_SECRET_CHARS, checkOrigin } from './resolve-options.ts';

/** The process environment, or any record shaped like it (Workers bindings). */
export type Env = Record<string, string | undefined>;

/** Default URL of Famulor's "AI Replies" endpoint (the source document's path). */
export const FAMULOR_DEFAULT_URL = 'https://app.famulor.de/api/ai/generate-reply';

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
 * Reads the proxy's options from the environment (design.md, "Proxy configuration"). A missing or
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

function providerFromEnv(
  env: Env,
  kind: ProviderConfig['kind'],
  demoUrl: string | undefined,
): ProviderConfig {
  switch (kind) {
    case 'demo':
      if (demoUrl === undefined) {
        throw fail(
          'CHATLET_PROVIDER',
          'is demo but no demo assistant is running: start it with `npm start` or `npx chatlet-proxy`, or set QUICKCHAT_API_KEY or FAMULOR_API_TOKEN',
        );
      }
      return { kind: 'demo', url: demoUrl };
    case 'quickchat': {
      const token = value(env, 'QUICKCHAT_TOKEN');
      const apiKey = value(env, 'QUICKCHAT_API_KEY');
      if (token !== undefined && apiKey !== undefined) {
        throw fail(
          'QUICKCHAT_TOKEN',
          'and QUICKCHAT_API_KEY are both set: keep QUICKCHAT_TOKEN for the current API or QUICKCHAT_API_KEY for the legacy one, not both',
        );
      }
      const scenarioId = required(
        env,
        'QUICKCHAT_SCENARIO_ID',
        "your scenario id from Quickchat's Integrations → API page",
      );
      if (token !== undefined) {
        return {
          kind: 'quickchat',
          token,
          scenarioId,
          url: url(env, 'QUICKCHAT_API_URL', QUICKCHAT_CURRENT_URL),
        };
      }
      return {
        kind: 'quickchat',
        apiKey: required(
          env,
          'QUICKCHAT_API_KEY',
          "your API key from Quickchat's Integrations → API page (or set QUICKCHAT_TOKEN)",
        ),
        scenarioId,
        url: url(env, 'QUICKCHAT_API_URL', QUICKCHAT_LEGACY_URL),
      };
    }
    case 'famulor': {
      const token = required(
        env,
        'FAMULOR_API_TOKEN',
        'your API token from Famulor (Settings → API keys)',
      );
      const assistantId = integer(
        env,
        'FAMULOR_ASSISTANT_ID',
        undefined,
        1,
        Number.MAX_SAFE_INTEGER,
        "the assistant's numeric id from Famulor",
      );
      const forward = (value(env, 'FAMULOR_FORWARD_FUNCTIONS') ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '');
      for (const name of forward) {
        if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) {
          throw fail(
            'FAMULOR_FORWARD_FUNCTIONS',
            `contains "${name}": list function names separated by commas, e.g. book_appointment,check_slot`,
          );
        }
      }
      return {
        kind: 'famulor',
        token,
        assistantId,
        url: url(env, 'FAMULOR_API_URL', FAMULOR_DEFAULT_URL),
        forwardFunctions: forward,
      };
    }
  }
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

/** A set, non-blank variable, trimmed; blank counts as unset (`FOO= npm start`). */
function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function required(env: Env, name: string, what: string): string {
  const found = value(env, name);
  if (found === undefined) throw fail(name, `is missing: set it to ${what}`);
  return found;
}

function url(env: Env, name: string, fallback: string): string {
  const found = value(env, name);
  if (found === undefined) return fallback;
  let parsed: URL | undefined;
  try {
    parsed = new URL(found);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    throw fail(name, `is not an http(s) URL: set it to the full endpoint, e.g. ${fallback}`);
  }
  return found;
}

function integer(
  env: Env,
  name: string,
  fallback: number | undefined,
  min: number,
  max: number,
  what: string,
): number {
  const found = value(env, name);
  if (found === undefined) {
    if (fallback === undefined) throw fail(name, `is missing: set it to ${what}`);
    return fallback;
  }
  const parsed = /^\d+$/.test(found) ? Number(found) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw fail(name, `is "${found}": set it to ${what}`);
  }
  return parsed;
}

function flag(env: Env, name: string): boolean {
  const found = value(env, name)?.toLowerCase();
  if (found === undefined || ['0', 'false', 'no', 'off'].includes(found)) return false;
  if (['1', 'true', 'yes', 'on'].includes(found)) return true;
  throw fail(name, `is "${found}": set it to true or false`);
}

function fail(name: string, problem: string): ProxyConfigError {
  // One line, whatever the operator typed: newlines in a quoted value would break the promise.
  return new ProxyConfigError(name, `${name} ${problem}.`.replace(/[\r\n]+/g, ' '));
}
