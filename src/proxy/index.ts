/**
 * `chatlet/proxy`: the proxy as a Fetch-API handler. Runs on any runtime with `fetch` and Web Crypto
 * (Node, Workers, Deno, Bun), so nothing here or below imports `node:*`.
 */
export { createChatletProxy, type ChatletProxyHandler } from './handler.ts';
export type { ChatletProxyOptions, ProviderConfig } from './options.ts';
export {
  QUICKCHAT_CURRENT_URL,
  QUICKCHAT_LEGACY_URL,
  type QuickchatConfig,
  type QuickchatLegacyConfig,
  type QuickchatTokenConfig,
} from './providers/quickchat.ts';
export { FAMULOR_DEFAULT_URL, type FamulorConfig } from './providers/famulor.ts';
export type { ProxyContext } from './client-ip.ts';
export { proxyOptionsFromEnv, providerKindFromEnv, listenAddressFromEnv, type Env } from './env.ts';
export { ProxyConfigError, isProxyConfigError } from './config-error.ts';
export { SETTINGS, settingsTable, type Setting } from './settings.ts';
export { assertKnownSettings } from './unknown-settings.ts';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.ts';
export type {
  KeyValueStore,
  ProxyState,
  RateDecision,
  RateLimiter,
  Reservation,
  StateHealth,
  WindowBudget,
} from './state/types.ts';
export { createMemoryState, type MemoryStateOptions } from './state/memory-state.ts';
export type { LogEntry, Logger } from './log.ts';
