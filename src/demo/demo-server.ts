import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  assertKnownSettings,
  createChatletProxy,
  proxyOptionsFromEnv,
  providerKindFromEnv,
  type ChatletProxyOptions,
  type ProxyContext,
} from '../proxy/index.ts';
import { withNodeTransport } from '../proxy/node/http-transport.ts';
import { listen } from '../proxy/node/listen.ts';
import { listenFailure } from '../proxy/node/listen-failure.ts';
import { toNodeListener } from '../proxy/node/to-node-listener.ts';
import { startDemoAssistant, type RunningDemoAssistant } from './assistant-server.ts';
import { demoProvider, runSecret, wantsDemo, withOwnOrigins } from './demo-upstream.ts';
import { createStaticFiles } from './static-files.ts';

/** Options of {@link startDemoServer}; every field is optional. */
export interface DemoServerOptions {
  /**
   * Port to listen on; 0 picks a free one.
   * @default 8787
   */
  port?: number;
  /**
   * Interface to listen on.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * The proxy's environment (README, "Configuration"). Without credentials the embedded
   * demo assistant answers; with them the same server relays to the real API.
   * @default process.env
   */
  env?: Record<string, string | undefined>;
  /**
   * The package root, holding `public/` and `dist/`.
   * @default the folder two levels above this module (true for `src/demo/` and `dist/npm/`)
   */
  rootDir?: string;
  /**
   * Where the server's notices (such as a missing build) and the proxy's JSON log lines go.
   * @default notices to stderr, log lines as the proxy writes them
   */
  log?: (line: string) => void;
}

/** A running demo server. */
export interface RunningDemoServer {
  /** The demo page, e.g. `http://127.0.0.1:8787/`; `/chat` and `/healthz` are on the same origin. */
  url: string;
  /** Which upstream the proxy relays to. */
  provider: 'demo' | 'quickchat' | 'famulor';
  /** Stops the server, then the embedded assistant. */
  close(): Promise<void>;
}

/** The paths the proxy answers; everything else is a static file. */
const PROXY_PATHS = new Set(['/chat', '/chat/feedback', '/healthz']);

/**
 * Starts what `npm start` runs, on one origin: the proxy at `POST /chat` and `GET /healthz`, the
 * demo pages from `public/` and the built widget from `dist/`, plus, when the environment holds no
 * credentials, the embedded demo assistant as the proxy's upstream. A wrong setting rejects with the
 * proxy's one-line `ProxyConfigError`.
 */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<RunningDemoServer> {
  const env = options.env ?? process.env;
  const rootDir = options.rootDir ?? defaultRootDir();
  const notice = options.log ?? ((line: string) => console.error(line));
  // Before starting anything: a typo or a wrong CHATLET_PROVIDER throws here, with nothing to clean up.
  assertKnownSettings(env);
  // `npm start` keeps the demo default: no credentials (or CHATLET_PROVIDER=demo) is the demo.
  const kind = wantsDemo(env) ? undefined : providerKindFromEnv(env);
  const provider: RunningDemoServer['provider'] = kind ?? 'demo';

  let assistant: RunningDemoAssistant | undefined;
  try {
    let proxyOptions: ChatletProxyOptions;
    if (kind === undefined) {
      assistant = await startDemoAssistant();
      proxyOptions = proxyOptionsFromEnv(env, { provider: demoProvider(assistant.url) });
      if (proxyOptions.secret === '') proxyOptions.secret = runSecret();
    } else {
      proxyOptions = proxyOptionsFromEnv(env);
      if (proxyOptions.secret === '') proxyOptions.secret = announcedRunSecret(notice);
    }
    const { log } = options;
    if (log !== undefined) proxyOptions.log = (entry) => log(JSON.stringify(entry));
    const files = createStaticFiles({
      publicDir: join(rootDir, 'public'),
      distDir: join(rootDir, 'dist'),
    });
    if (!existsSync(join(rootDir, 'dist', 'chatlet.js'))) {
      notice(
        'Warning: dist/chatlet.js is missing, so the demo pages show no widget: run `npm run build`.',
      );
    }
    // The pages are served from this server, so its own origin is allowed: known once it listens.
    let proxy: ((request: Request, context?: ProxyContext) => Promise<Response>) | undefined;
    const handler = (request: Request, context?: ProxyContext): Promise<Response> =>
      proxy !== undefined && PROXY_PATHS.has(new URL(request.url).pathname)
        ? proxy(request, context)
        : files(request);
    // Checked before listening, so a wrong option never binds the port.
    createChatletProxy(proxyOptions);
    const listener = toNodeListener(handler, { trustProxy: proxyOptions.trustProxy ?? false });
    const address = { port: options.port ?? 8787, host: options.host ?? '127.0.0.1' };
    const server = await listen(listener, address).catch((error: unknown) => {
      throw listenFailure(error, address) ?? error;
    });
    const url = reachableUrl(server.url);
    proxy = createChatletProxy(withNodeTransport(withOwnOrigins(proxyOptions, url)));
    const running = assistant;
    return {
      url: `${url}/`,
      provider,
      async close() {
        await server.close();
        await running?.close();
      },
    };
  } catch (error) {
    await assistant?.close();
    throw error;
  }
}

/**
 * `npm start` is the newcomer's command (credentials alone must relay to the real API), while
 * `npx chatlet-proxy` is what runs in production and refuses to start without `CHATLET_SECRET`. So
 * only here a missing secret becomes a random one for this run, said out loud: conversations then
 * end when the process stops.
 */
function announcedRunSecret(notice: (line: string) => void): string {
  notice(
    'Notice: CHATLET_SECRET is not set, so this run signs conversations with a random secret and they end when it stops. Set CHATLET_SECRET (at least 32 characters) to keep them; `npx chatlet-proxy` requires it.',
  );
  return runSecret();
}

/**
 * The package root: this module is `src/demo/demo-server.ts` in the sources and bundled into
 * `dist/npm/demo-start.js`, two levels below the root either way. (Not `new URL('../..', …)`: the
 * bundler would take that for an asset to copy.)
 */
function defaultRootDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/** A server bound to every interface is reached through loopback. */
function reachableUrl(url: string): string {
  return url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:');
}
