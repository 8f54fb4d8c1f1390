import type { Provider } from '../provider.ts';
import { createQuickchatContract } from './quickchat.ts';

/**
 * The API key the proxy sends to the embedded demo assistant. Not a secret: the demo assistant only
 * checks it to behave like Quickchat (its 401). `src/demo/credentials.ts` keeps the same literal.
 */
export const DEMO_API_KEY = 'chatlet-demo-key';
/** The scenario id of the embedded demo assistant. */
export const DEMO_SCENARIO_ID = 'chatlet-demo';

/** The embedded demo assistant, which speaks Quickchat's legacy contract. */
export interface DemoConfig {
  /** Selects this provider. */
  kind: 'demo';
  /** The demo assistant's chat route, e.g. `http://127.0.0.1:41234/chat`. */
  url: string;
}

/** Creates the provider for the embedded demo assistant. */
export function createDemoProvider(config: DemoConfig, fetchFn: typeof fetch): Provider {
  return createQuickchatContract(
    'demo',
    { kind: 'quickchat', apiKey: DEMO_API_KEY, scenarioId: DEMO_SCENARIO_ID, url: config.url },
    fetchFn,
  );
}
