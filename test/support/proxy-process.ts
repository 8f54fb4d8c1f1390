import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI, as `npx chatlet-proxy` runs it (`npm run build` first). */
const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/npm/cli.js');

/** A running `chatlet-proxy` process. */
export interface ProxyProcess {
  /** Its base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Its JSON log lines so far. */
  logs: Array<Record<string, unknown>>;
  /** Stops it (SIGTERM) and waits for the exit. */
  stop(): Promise<void>;
}

/** Starts the built `chatlet-proxy` on a free port with `env` (plus PORT=0). */
export async function startProxyProcess(env: Record<string, string>): Promise<ProxyProcess> {
  const child = spawn(process.execPath, [CLI], {
    env: { PATH: process.env['PATH'] ?? '', ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onLine = (line: string): void => {
      const listening = /listening on (http:\/\/[^\s/]+)/.exec(line);
      if (listening?.[1] !== undefined) resolveUrl(listening[1]);
      if (line.startsWith('{')) logs.push(JSON.parse(line) as Record<string, unknown>);
    };
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        lines.forEach(onLine);
      });
    }
    child.once('exit', (code) => reject(new Error(`chatlet-proxy exited (${code}): ${output}`)));
  });
  return {
    url,
    logs,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
