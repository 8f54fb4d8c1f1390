import { pathToFileURL } from 'node:url';
import { isProxyConfigError, listenAddressFromEnv } from '../proxy/index.ts';
import { startDemoServer, type DemoServerOptions, type RunningDemoServer } from './demo-server.ts';

export { startDemoServer } from './demo-server.ts';
export type { DemoServerOptions, RunningDemoServer } from './demo-server.ts';

const UPSTREAM_NAMES: Record<RunningDemoServer['provider'], string> = {
  demo: 'the embedded demo assistant',
  quickchat: 'Quickchat',
  famulor: 'Famulor',
};

/** Where {@link runDemo} writes: its one start-up line, its one failure line, and the logs. */
export interface DemoOutput {
  /** The start-up line. */
  out: (line: string) => void;
  /** A failure a user can fix, as one line. */
  err: (line: string) => void;
  /** Notices and the proxy's log lines; by default notices to stderr, log lines to stdout. */
  log?: (line: string) => void;
}

/** The URL to print: `localhost` for a loopback or every-interface host, which is what people type. */
export function displayUrl(url: string): string {
  const parsed = new URL(url);
  if (['127.0.0.1', '[::1]', '0.0.0.0', '[::]', 'localhost'].includes(parsed.hostname)) {
    parsed.hostname = 'localhost';
  }
  return parsed.href;
}

/**
 * `npm start` without the process around it: starts the demo on `PORT` (default 8787) and `HOST`
 * (default 127.0.0.1) and announces it in one line, the real port included when `PORT=0`. A wrong
 * setting, a port in use or a host it cannot bind is one line on `err` and exit code 1, no stack
 * trace; anything else is a bug and rejects.
 */
export async function runDemo(
  env: Record<string, string | undefined>,
  output: DemoOutput,
  rootDir?: string,
): Promise<{ exitCode: 0; server: RunningDemoServer } | { exitCode: 1 }> {
  try {
    const address = listenAddressFromEnv(env);
    const options: DemoServerOptions = { ...address, env };
    if (output.log !== undefined) options.log = output.log;
    if (rootDir !== undefined) options.rootDir = rootDir;
    const server = await startDemoServer(options);
    output.out(
      `Chatlet demo: ${displayUrl(server.url)} (relaying to ${UPSTREAM_NAMES[server.provider]})`,
    );
    return { exitCode: 0, server };
  } catch (error) {
    // A wrong setting, a port in use or a host that is not this machine's: the proxy's one line.
    if (!isProxyConfigError(error)) throw error;
    output.err(error.message);
    return { exitCode: 1 };
  }
}

/**
 * The process around {@link runDemo}: real output, exit code, and a clean stop on a signal. `npm
 * start` (src/demo/npm-start.mjs) calls it after making sure the build is current.
 */
export async function main(): Promise<void> {
  const result = await runDemo(process.env, {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
  if (result.exitCode !== 0) {
    // Not process.exit(): let stderr drain first.
    process.exitCode = result.exitCode;
    return;
  }
  const { server } = result;
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
