import { ProxyConfigError } from './config-error.ts';
import { consoleLogger, type Logger } from './log.ts';
import type { ChatletProxyOptions } from './options.ts';
import type { Provider } from './provider.ts';
import { createProvider } from './providers/index.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.ts';
import { unlimited } from './state/memory-rate-limiter.ts';
import { createMemoryState } from './state/memory-state.ts';
import type { KeyValueStore, ProxyState, RateLimiter } from './state/types.ts';

/** The options after {@link resolveProxyOptions}: checked, defaults filled, parts built. */
export interface ResolvedProxyOptions {
  provider: Provider;
  secret: string;
  previousSecrets: readonly string[];
  allowedOrigins: ReadonlySet<string>;
  upstreamTimeoutMs: number;
  retry: RetryPolicy;
  trustProxy: boolean;
  logMessages: boolean;
  idempotencyTtlMs: number;
  conversationMaxAgeMs: number;
  log: Logger;
  state: ProxyState;
  store: KeyValueStore;
  ipLimiter: RateLimiter;
  conversationLimiter: RateLimiter;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

/** Smallest accepted `secret`: 32 characters, enough for a random HMAC key. */
export const MIN_SECRET_CHARS = 32;

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Checks the options once and builds what the handler needs, so nothing is re-derived per request
 * (after hono's middleware options). Throws {@link ProxyConfigError} naming the option.
 */
export function resolveProxyOptions(options: ChatletProxyOptions): ResolvedProxyOptions {
  for (const secret of [options.secret, ...(options.previousSecrets ?? [])]) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_CHARS) {
      throw new ProxyConfigError(
        'secret',
        `The secret option (CHATLET_SECRET) and every previous secret must be at least ${MIN_SECRET_CHARS} characters: generate one with \`openssl rand -base64 32\`.`,
      );
    }
  }
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const budget = options.upstreamBudget ?? {};
  const provider = createProvider(options.provider, fetchFn, {
    perMinute: count('upstreamBudget.perMinute', budget.perMinute ?? 5, 1),
    maxQueue: count('upstreamBudget.maxQueue', budget.maxQueue ?? 10, 0),
    maxWaitMs: count('upstreamBudget.maxWaitMs', budget.maxWaitMs ?? 15_000, 0),
    now,
    sleep,
  });
  const state = options.state ?? createMemoryState({ now });
  const limiter = (name: string, perMinute: number): RateLimiter =>
    count(name, perMinute, 0) === 0 ? unlimited : state.limiter(name, perMinute);
  return {
    provider,
    secret: options.secret,
    previousSecrets: options.previousSecrets ?? [],
    allowedOrigins: new Set((options.allowedOrigins ?? []).map(checkOrigin)),
    upstreamTimeoutMs: count('upstreamTimeoutMs', options.upstreamTimeoutMs ?? 30_000, 1),
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    trustProxy: options.trustProxy ?? false,
    logMessages: options.logMessages ?? false,
    idempotencyTtlMs: count('idempotencyTtlMs', options.idempotencyTtlMs ?? 600_000, 0),
    conversationMaxAgeMs: count(
      'conversationMaxAgeMs',
      options.conversationMaxAgeMs ?? 30 * 24 * 3_600_000,
      1,
    ),
    log: options.log ?? consoleLogger,
    state,
    store: state.store,
    ipLimiter: limiter('ipRequestsPerMinute', options.ipRequestsPerMinute ?? 30),
    conversationLimiter: limiter(
      'conversationRequestsPerMinute',
      options.conversationRequestsPerMinute ?? 12,
    ),
    now,
    sleep,
    random: options.random ?? Math.random,
  };
}

function count(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new ProxyConfigError(
      name,
      `The ${name} option must be a whole number of at least ${min}.`,
    );
  }
  return value;
}

/** An exact origin: scheme, host and port only, as a browser sends it in `Origin`. */
export function checkOrigin(origin: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(origin);
  } catch {
    parsed = undefined;
  }
  if (
    parsed === undefined ||
    (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') ||
    parsed.origin !== origin
  ) {
    throw new ProxyConfigError(
      'allowedOrigins',
      `"${origin}" in CHATLET_ALLOWED_ORIGINS is not an origin: write scheme://host[:port] without a path or trailing slash, e.g. https://www.example.com.`,
    );
  }
  return origin;
}
