import { ProxyConfigError } from './config-error.ts';
import { defaultIpLimit } from './fair-share.ts';
import { createFetchTransport } from './fetch-transport.ts';
import { consoleLogger, type Logger } from './log.ts';
import type { ChatletProxyOptions } from './options.ts';
import type { Provider } from './provider.ts';
import { webCrypto, type CryptoChoice } from './proxy-crypto.ts';
import { createProvider } from './providers/index.ts';
import { resolveProviderConfig } from './providers/resolve-provider.ts';
import { optionLabel } from './settings.ts';
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
  publicOrigin: string | undefined;
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
  /** Signs tokens and hashes messages: Web Crypto until a runtime adapter switches it. */
  crypto: CryptoChoice;
}

/** Added to the upstream budget's minute when several instances share it. */
const SHARED_WINDOW_MARGIN_MS = 1_000;

/** Smallest accepted `secret`: 32 characters, enough for a random HMAC key. */
export const MIN_SECRET_CHARS = 32;

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Checks the options once and builds what the handler needs, so nothing is re-derived per request
 * (after hono's middleware options). This is the one place of the proxy's defaults and checks:
 * the environment reader only maps variables here. Throws {@link ProxyConfigError} naming the
 * option and its environment variable.
 */
export function resolveProxyOptions(options: ChatletProxyOptions): ResolvedProxyOptions {
  checkSecret(options.secret, 'secret');
  for (const previous of options.previousSecrets ?? []) checkSecret(previous, 'previousSecrets');
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const transport =
    options.transport ??
    createFetchTransport(options.fetch ?? ((input, init) => fetch(input, init)));
  const budget = options.upstreamBudget ?? {};
  const state = options.state ?? createMemoryState({ now });
  const perMinute = count('upstreamBudget.perMinute', budget.perMinute ?? 5, 1, 10_000);
  const provider = createProvider(resolveProviderConfig(options.provider), transport, {
    perMinute,
    maxQueue: count('upstreamBudget.maxQueue', budget.maxQueue ?? 10, 0),
    maxWaitMs: count('upstreamBudget.maxWaitMs', budget.maxWaitMs ?? 15_000, 0),
    state,
    // Instances count on the shared clock but reach the upstream with their own latency.
    marginMs: state.kind === 'memory' ? 0 : SHARED_WINDOW_MARGIN_MS,
    now,
    sleep,
  });
  // Only Famulor's calls are budgeted, so only there does one client's share need a cap.
  const ipDefault = defaultIpLimit(options.provider.kind === 'famulor' ? perMinute : undefined);
  const limiter = (name: string, perMinute: number): RateLimiter =>
    count(name, perMinute, 0) === 0 ? unlimited : state.limiter(name, perMinute);
  const allowedOrigins = new Set(
    (options.allowedOrigins ?? []).map((origin) => checkOrigin(origin, 'allowedOrigins')),
  );
  return {
    provider,
    secret: options.secret,
    previousSecrets: options.previousSecrets ?? [],
    allowedOrigins,
    publicOrigin:
      options.publicOrigin === undefined
        ? undefined
        : checkOrigin(options.publicOrigin, 'publicOrigin'),
    upstreamTimeoutMs: count('upstreamTimeoutMs', options.upstreamTimeoutMs ?? 30_000, 1, 600_000),
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
    ipLimiter: limiter('ipRequestsPerMinute', options.ipRequestsPerMinute ?? ipDefault),
    conversationLimiter: limiter(
      'conversationRequestsPerMinute',
      options.conversationRequestsPerMinute ?? 12,
    ),
    now,
    sleep,
    random: options.random ?? Math.random,
    crypto: { current: webCrypto },
  };
}

const HOW_TO_GENERATE = 'e.g. the output of `openssl rand -base64 32`';

function checkSecret(secret: unknown, option: 'secret' | 'previousSecrets'): void {
  const label = optionLabel(option);
  if (typeof secret !== 'string' || secret === '') {
    throw new ProxyConfigError(
      option,
      `${label} is missing: set it to a random string of at least ${MIN_SECRET_CHARS} characters, ${HOW_TO_GENERATE}.`,
    );
  }
  if (secret.length < MIN_SECRET_CHARS) {
    throw new ProxyConfigError(
      option,
      `${label} is ${secret.length} characters long: use at least ${MIN_SECRET_CHARS}, ${HOW_TO_GENERATE}.`,
    );
  }
}

function count(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw new ProxyConfigError(
      name,
      `${optionLabel(name)} is ${String(value)}: set it to a whole number ${range}.`,
    );
  }
  return value;
}

/** An exact origin: scheme, host and port only, as a browser sends it in `Origin`. */
export function checkOrigin(origin: string, option = 'allowedOrigins'): string {
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
      option,
      `${optionLabel(option)} contains "${origin}", which is not an origin: write scheme://host[:port] without a path or trailing slash, e.g. https://www.example.com.`,
    );
  }
  return origin;
}
