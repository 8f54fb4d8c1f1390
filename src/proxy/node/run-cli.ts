import { listenAddressFromEnv, providerKindFromEnv, proxyOptionsFromEnv } from '../env.ts';
import { createChatletProxy } from '../handler.ts';
import { listen } from './listen.ts';
import { stateFromEnv } from './state-from-env.ts';
import { toNodeListener } from './to-node-listener.ts';

/**
 * Starts the proxy as `npx chatlet-proxy` does, from `env` (README, "Configuration"). With no credentials set it
 * starts the embedded demo assistant first and relays to it. Resolves with a function that stops
 * everything it started.
 */
export async function runCli(
  env: Record<string, string | undefined>,
  print: (line: string) => void,
): Promise<() => Promise<void>> {
  const kind = providerKindFromEnv(env);
  const address = listenAddressFromEnv(env);
  let stopDemo: (() => Promise<void>) | undefined;
  const extras: { demoUpstreamUrl?: string } = {};
  if (kind === 'demo') {
    // Loaded only for the demo, so a deployment with credentials never runs the demo server.
    const { startDemoAssistant } = await import('../../demo/assistant-server.ts');
    const demo = await startDemoAssistant({ host: '127.0.0.1', port: 0 });
    stopDemo = () => demo.close();
    extras.demoUpstreamUrl = demo.url;
  }
  let state: Awaited<ReturnType<typeof stateFromEnv>>;
  try {
    const options = proxyOptionsFromEnv(env, extras);
    state = await stateFromEnv(env, options.log);
    if (state !== undefined) options.state = state;
    const server = await listen(
      toNodeListener(createChatletProxy(options), { trustProxy: options.trustProxy ?? false }),
      address,
    );
    print(
      `Chatlet proxy (${kind}) listening on ${server.url}/chat${kind === 'demo' ? ' (demo assistant, no account needed)' : ''}`,
    );
    return async () => {
      await server.close();
      await state?.close();
      await stopDemo?.();
    };
  } catch (error) {
    await state?.close();
    await stopDemo?.();
    throw error;
  }
}
