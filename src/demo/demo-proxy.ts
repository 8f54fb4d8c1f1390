import { proxyOptionsFromEnv, listenAddressFromEnv, type Env } from '../proxy/index.ts';
import { serveProxy } from '../proxy/node/run-cli.ts';
import { startDemoAssistant } from './assistant-server.ts';
import { demoProvider, runSecret, withOwnOrigins } from './demo-upstream.ts';

/**
 * `CHATLET_PROVIDER=demo npx chatlet-proxy`: the proxy alone (no pages) relaying to the embedded
 * demo assistant, for trying the widget on one's own page without an account. The assistant stops
 * with the proxy. A wrong setting rejects with the proxy's one-line `ProxyConfigError`.
 */
export async function runDemoProxy(
  env: Env,
  print: (line: string) => void,
): Promise<() => Promise<void>> {
  const address = listenAddressFromEnv(env);
  const assistant = await startDemoAssistant();
  try {
    const options = proxyOptionsFromEnv(env, { provider: demoProvider(assistant.url) });
    // The demo may forget its conversations on restart; a real deployment may not.
    if (options.secret === '') options.secret = runSecret();
    const server = await serveProxy((url) => withOwnOrigins(options, url), address);
    print(`Chatlet proxy (demo assistant, no account needed) listening on ${server.url}/chat`);
    return async () => {
      await server.close();
      await assistant.close();
    };
  } catch (error) {
    await assistant.close();
    throw error;
  }
}
