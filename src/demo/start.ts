import { pathToFileURL } from 'node:url';
import { isProxyConfigError, listenAddressFromEnv } from '../proxy/index.ts';
import { startDemoServer, type RunningDemoServer } from './demo-server.ts';

export { startDemoServer } from './demo-server.ts';
export type { DemoServerOptions, RunningDemoServer } from './demo-server.ts';

const UPSTREAM_NAMES: Record<RunningDemoServer['provider'], string> = {
  demo: 'the embedded demo assistant',
  quickchat: 'Quickchat',
  famulor: 'Famulor',
};

/** The URL to print: `localhost` for a loopback or every-interface host, which is what people type. */
export function displayUrl(url: string): string {
  const parsed = new URL(url);
  if (['127.0.0.1', '[::1]', '0.0.0.0', '[::]', 'localhost'].includes(parsed.hostname)) {
    parsed.hostname = 'localhost';
  }
  return parsed.href;
}

/**
 * `npm start`: the demo on `PORT` (default 8787) and `HOST` (default 127.0.0.1), announced in one
 * line. A wrong setting is one line on stderr and exit code 1, without a stack trace.
 */
async function main(): Promise<void> {
  let server: RunningDemoServer;
  let port: number | undefined;
  try {
    const address = listenAddressFromEnv(process.env);
    port = address.port;
    server = await startDemoServer({ ...address, env: process.env });
  } catch (error) {
    const message = startFailure(error, port);
    if (message === undefined) throw error;
    console.error(message);
    process.exitCode = 1;
    return;
  }
  console.log(
    `Chatlet demo: ${displayUrl(server.url)} (relaying to ${UPSTREAM_NAMES[server.provider]})`,
  );

  const stop = (): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    // A second Ctrl-C meanwhile gets Node's default: exit at once.
    void server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** The one line to print for a failure a user can fix, or `undefined` for a bug. */
function startFailure(error: unknown, port: number | undefined): string | undefined {
  if (isProxyConfigError(error)) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') {
    return `Port ${port ?? ''} is already in use: set PORT to a free one, e.g. PORT=8788 npm start.`;
  }
  if (code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    return `Cannot listen there (${code}): check PORT and HOST.`;
  }
  return undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
