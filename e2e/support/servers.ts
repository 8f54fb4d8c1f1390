import { test as base } from '@playwright/test';
import { startRecordingUpstream, type RecordingUpstream } from './upstream.ts';

/** The built demo server (`dist/npm/demo-start.js`), as `npm start` runs it. */
export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

interface DemoStartModule {
  startDemoServer(options: {
    port?: number;
    host?: string;
    env?: Record<string, string | undefined>;
    log?: (line: string) => void;
  }): Promise<DemoServer>;
}

/** Credentials the e2e proxy holds; the tests assert they never reach the browser. */
export const SECRET_KEY = 'qc-secret-key-e2e-3f9a1c77d2';
export const SCENARIO_ID = 'scenario-e2e-42';

/**
 * Starts the built demo server with the given environment on a free loopback port. `log` receives
 * its notices and the proxy's JSON log lines (by default they go to the console).
 */
export async function startBuiltServer(
  env: Record<string, string | undefined>,
  log?: (line: string) => void,
): Promise<DemoServer> {
  // Imported at run time from the BUILD, never from src: e2e tests what ships.
  const modulePath = new URL('../../dist/npm/demo-start.js', import.meta.url).href;
  const { startDemoServer } = (await import(modulePath)) as DemoStartModule;
  return startDemoServer({ port: 0, host: '127.0.0.1', env, ...(log ? { log } : {}) });
}

/**
 * Fixtures: `relay` is the whole product configured for Quickchat's legacy API, pointed at a
 * recording loopback stand-in; `demo` is `npm start` with no credentials at all.
 */
export const test = base.extend<{
  relay: { server: DemoServer; upstream: RecordingUpstream };
  demo: DemoServer;
}>({
  relay: async ({}, use) => {
    const upstream = await startRecordingUpstream({ apiKey: SECRET_KEY, scenarioId: SCENARIO_ID });
    const server = await startBuiltServer({
      QUICKCHAT_API_KEY: SECRET_KEY,
      QUICKCHAT_SCENARIO_ID: SCENARIO_ID,
      QUICKCHAT_API_URL: upstream.url,
      CHATLET_SECRET: 'e2e-signing-secret-0123456789abcdef0123',
    });
    await use({ server, upstream });
    await server.close();
    await upstream.close();
  },
  demo: async ({}, use) => {
    const server = await startBuiltServer({});
    await use(server);
    await server.close();
  },
});

export { expect } from '@playwright/test';
