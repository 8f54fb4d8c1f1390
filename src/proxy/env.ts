import { providerFromEnv } from './env-provider.ts';
import { fail, flag, integer, list, value, type Env } from './env-values.ts';
import type { ChatletProxyOptions, ProviderConfig } from './options.ts';
import { assertKnownSettings } from './unknown-settings.ts';

export type { Env } from './env-values.ts';

const PROVIDERS = ['quickchat', 'famulor'] as const;

/**
 * The provider the environment selects: `CHATLET_PROVIDER`, else the one whose credentials are set,
 * else `undefined` (nothing configured).
 */
export function providerKindFromEnv(env: Env): ProviderConfig['kind'] | undefined {
  const chosen = value(env, 'CHATLET_PROVIDER');
  if (chosen !== undefined) {
    const kind = PROVIDERS.find((name) => name === chosen.toLowerCase());
    if (kind === undefined) {
      throw fail(
        'CHATLET_PROVIDER',
        `is "${chosen}": set it to quickchat or famulor, or leave it unset to use the one whose credentials are set`,
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
  return value(env, 'FAMULOR_API_TOKEN') !== undefined ? 'famulor' : undefined;
}

/** Where the Node proxy listens: `PORT` (default 8787) and `HOST` (default 127.0.0.1). */
export function listenAddressFromEnv(env: Env): { port: number; host: string } {
  const port = integer(env, 'PORT');
  if (port !== undefined && port > 65_535) throw fail('PORT', `is "${port}": set it to 0–65535`);
  return { port: port ?? 8787, host: value(env, 'HOST') ?? '127.0.0.1' };
}

/**
 * Maps the environment to the proxy's options, and nothing more: defaults and checks are
 * `resolveProxyOptions`'s, so the environment and programmatic options are judged alike. Refuses
 * only what cannot be mapped (an unknown Chatlet variable, a number that is not one, a provider
 * without its credentials) with a one-line {@link ProxyConfigError}. `extras.provider` is an
 * upstream the caller already knows (the demo's); the provider variables are then not read.
 */
export function proxyOptionsFromEnv(
  env: Env,
  extras: { provider?: ProviderConfig; fetch?: typeof fetch } = {},
): ChatletProxyOptions {
  assertKnownSettings(env);
  listenAddressFromEnv(env);
  const options: ChatletProxyOptions = {
    provider: extras.provider ?? providerFromEnv(env, configuredKind(env)),
    // Empty when unset, so the one secret check (in resolveProxyOptions) says it is missing.
    secret: value(env, 'CHATLET_SECRET') ?? '',
  };
  const previous = value(env, 'CHATLET_PREVIOUS_SECRET');
  if (previous !== undefined) options.previousSecrets = [previous];
  const origins = list(env, 'CHATLET_ALLOWED_ORIGINS');
  if (origins !== undefined) options.allowedOrigins = origins;
  const publicOrigin = value(env, 'CHATLET_PUBLIC_ORIGIN');
  if (publicOrigin !== undefined) options.publicOrigin = publicOrigin;
  const numbers = {
    upstreamTimeoutMs: integer(env, 'CHATLET_UPSTREAM_TIMEOUT_MS'),
    ipRequestsPerMinute: integer(env, 'CHATLET_IP_REQUESTS_PER_MINUTE'),
    conversationRequestsPerMinute: integer(env, 'CHATLET_CONVERSATION_REQUESTS_PER_MINUTE'),
  };
  for (const [name, number] of Object.entries(numbers)) {
    if (number !== undefined) options[name as keyof typeof numbers] = number;
  }
  const perMinute = integer(env, 'FAMULOR_REQUESTS_PER_MINUTE');
  if (perMinute !== undefined) options.upstreamBudget = { perMinute };
  const trustProxy = flag(env, 'CHATLET_TRUST_PROXY');
  if (trustProxy !== undefined) options.trustProxy = trustProxy;
  const logMessages = flag(env, 'CHATLET_LOG_MESSAGES');
  if (logMessages !== undefined) options.logMessages = logMessages;
  const webhook = value(env, 'CHATLET_FEEDBACK_WEBHOOK');
  if (webhook !== undefined) options.feedbackWebhook = webhook;
  if (extras.fetch !== undefined) options.fetch = extras.fetch;
  return options;
}

function configuredKind(env: Env): ProviderConfig['kind'] {
  const kind = providerKindFromEnv(env);
  if (kind === undefined) {
    throw fail(
      'CHATLET_PROVIDER',
      'is unset and no credentials are set: set QUICKCHAT_TOKEN (or QUICKCHAT_API_KEY) with QUICKCHAT_SCENARIO_ID, or FAMULOR_API_TOKEN with FAMULOR_ASSISTANT_ID',
    );
  }
  return kind;
}
