import type { ChatletProxyOptions, Env, ProviderConfig } from '../proxy/index.ts';
import { DEMO_API_KEY, DEMO_SCENARIO_ID } from './credentials.ts';

/** True when `env` asks for the demo assistant: `CHATLET_PROVIDER=demo`. */
export function wantsDemo(env: Env): boolean {
  return env['CHATLET_PROVIDER']?.trim().toLowerCase() === 'demo';
}

/**
 * The proxy's upstream for the embedded demo assistant: an ordinary Quickchat configuration (the
 * assistant speaks Quickchat's legacy contract), so the proxy needs to know nothing of the demo.
 */
export function demoProvider(assistantUrl: string): ProviderConfig {
  return {
    kind: 'quickchat',
    apiKey: DEMO_API_KEY,
    scenarioId: DEMO_SCENARIO_ID,
    url: assistantUrl,
  };
}

/**
 * The demo serves its pages from the proxy's own origin, reached as `localhost`, `127.0.0.1` or
 * `[::1]`: those are allowed besides whatever the environment lists. (Production allows only the
 * configured origins; the `Host` header does not count, see `src/proxy/cors.ts`.)
 */
export function withOwnOrigins(
  options: ChatletProxyOptions,
  serverUrl: string,
): ChatletProxyOptions {
  const { port, protocol } = new URL(serverUrl);
  const suffix = port === '' ? '' : `:${port}`;
  const own = ['localhost', '127.0.0.1', '[::1]'].map((host) => `${protocol}//${host}${suffix}`);
  const bound = new URL(serverUrl).origin;
  const origins = new Set([...(options.allowedOrigins ?? []), ...own, bound]);
  return { ...options, allowedOrigins: [...origins] };
}

/** A random secret for this run only: its conversations end when the process stops. */
export function runSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}
