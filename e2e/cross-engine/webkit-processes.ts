import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { Readable } from 'node:stream';

/** A started helper process and how to stop it. */
export interface Started {
  /** For Xvfb the `DISPLAY` (`:N`), for the driver its URL. */
  address: string;
  stop(): void;
}

function stopper(child: ChildProcess): () => void {
  return () => {
    if (child.exitCode === null) child.kill();
  };
}

/**
 * Starts Xvfb on a display it picks itself (`-displayfd`), so runs of other suites or other
 * users' displays never collide: MiniBrowser has no headless mode.
 */
export async function startXvfb(): Promise<Started> {
  const child = spawn(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    },
  );
  const display = await new Promise<string>((resolve, reject) => {
    let said = '';
    (child.stdio[3] as Readable).on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('\n')) resolve(`:${said.trim()}`);
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`Xvfb exited (${code}) before it named a display`)),
    );
  });
  return { address: display, stop: stopper(child) };
}

/** A free loopback port (WebKitWebDriver has no "pick one yourself" option). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts WebKitWebDriver on `display` and waits until its `/status` says it is ready. */
export async function startWebKitDriver(display: string): Promise<Started> {
  const port = await freePort();
  const child = spawn('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], {
    env: { ...process.env, DISPLAY: display },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`${url}/status`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { address: url, stop: stopper(child) };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error(
    `WebKitWebDriver did not become ready on ${url} (is webkit2gtk-driver installed?)`,
  );
}
