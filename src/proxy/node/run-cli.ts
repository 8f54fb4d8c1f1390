import { listenAddressFromEnv, proxyOptionsFromEnv, type Env } from '../env.ts';
import { createChatletProxy } from '../handler.ts';
import type { ChatletProxyOptions } from '../options.ts';
import { withNodeTransport } from './http-transport.ts';
import { listen, type Listening } from './listen.ts';
import { listenFailure } from './listen-failure.ts';
import { stateFromEnv } from './state-from-env.ts';
import { toNodeListener } from './to-node-listener.ts';

/**
 * Starts the proxy from `env` as `npx chatlet-proxy` does in production: the options from the
 * environment, checked before anything listens, then one line with the URL. A wrong setting or a
 * port that cannot be used rejects with a one-line `ProxyConfigError`. Resolves with a function
 * that stops the server.
 */
export async function runCli(
  env: Env,
  print: (line: string) => void,
): Promise<() => Promise<void>> {
  const address = listenAddressFromEnv(env);
  const options = proxyOptionsFromEnv(env);
  const state = await stateFromEnv(env, options.log);
  if (state !== undefined) options.state = state;
  let server: Listening;
  try {
    server = await serveProxy(options, address);
  } catch (error) {
    await state?.close();
    throw error;
  }
  print(`Chatlet proxy (${options.provider.kind}) listening on ${server.url}/chat`);
  return async () => {
    await server.close();
    await state?.close();
  };
}

/**
 * Serves the proxy built from `options` on `address`. `options` may be a function of the URL the
 * server got (port 0 picks one), for a caller that allows its own origin. A port in use or a host
 * that is not this machine's rejects with a `ProxyConfigError` naming `PORT` or `HOST`.
 */
export async function serveProxy(
  options: ChatletProxyOptions | ((url: string) => ChatletProxyOptions),
  address: { port: number; host: string },
): Promise<Listening> {
  const fixed = typeof options === 'function' ? undefined : options;
  // Built before listening when it can be, so a wrong option never binds a port.
  let handler = fixed === undefined ? undefined : createChatletProxy(withNodeTransport(fixed));
  const trustProxy = fixed?.trustProxy ?? false;
  let listener = handler === undefined ? undefined : toNodeListener(handler, { trustProxy });
  let server: Listening;
  // Behind a reverse proxy every visitor arrives from its address: the cap is the reverse proxy's.
  const maxConnectionsPerIp = trustProxy ? 0 : undefined;
  try {
    server = await listen((req, res) => listener?.(req, res), {
      ...address,
      ...(maxConnectionsPerIp === undefined ? {} : { maxConnectionsPerIp }),
    });
  } catch (error) {
    throw listenFailure(error, address) ?? error;
  }
  if (typeof options === 'function') {
    try {
      const built = options(server.url);
      handler = createChatletProxy(withNodeTransport(built));
      listener = toNodeListener(handler, { trustProxy: built.trustProxy ?? false });
    } catch (error) {
      await server.close();
      throw error;
    }
  }
  return server;
}
