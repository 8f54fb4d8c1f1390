import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

/**
 * The real bin as an operator runs it (`npx chatlet-proxy` is `node dist/npm/cli.js`): every
 * mistake is exit code 1 and one line on stderr, without a stack trace, and nothing listens.
 */
const BIN = fileURLToPath(new URL('../dist/npm/cli.js', import.meta.url));
const SECRET = 'e2e-cli-secret-0123456789abcdef0123456789';
const QUICKCHAT = { QUICKCHAT_API_KEY: 'k', QUICKCHAT_SCENARIO_ID: 's', CHATLET_SECRET: SECRET };

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bin to its end with only `env` (and PATH) set. */
function run(env: Record<string, string>, args: string[] = []): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A bin that starts instead of refusing would never exit: stop it and let the test fail.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function expectOneLineRefusal(exit: Exit, expected: RegExp): void {
  expect(exit.code).toBe(1);
  expect(exit.stdout).toBe('');
  const lines = exit.stderr.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^chatlet-proxy: /);
  expect(lines[0]).toMatch(expected);
  expect(exit.stderr).not.toMatch(/\n\s+at /);
}

let taken: Server | undefined;
test.afterEach(async () => {
  await new Promise<void>((resolve) => (taken ? taken.close(() => resolve()) : resolve()));
  taken = undefined;
});

test.describe('chatlet-proxy refuses in one line', () => {
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    [
      'no credentials: no silent demo',
      {},
      /No assistant is configured: .*CHATLET_PROVIDER=demo runs the demo assistant\.$/,
    ],
    [
      'a typo in a variable name',
      { QUICKCHAT_APIKEY: 'k', QUICKCHAT_SCENARIO_ID: 's', CHATLET_SECRET: SECRET },
      /QUICKCHAT_APIKEY is not a Chatlet setting: did you mean QUICKCHAT_API_KEY\?$/,
    ],
    ['half a configuration', { QUICKCHAT_API_KEY: 'k' }, /QUICKCHAT_SCENARIO_ID is missing/],
    [
      'no secret',
      { QUICKCHAT_API_KEY: 'k', QUICKCHAT_SCENARIO_ID: 's' },
      /secret \(CHATLET_SECRET\) is missing: .*openssl rand -base64 32/,
    ],
    ['a port that is no number', { ...QUICKCHAT, PORT: 'http' }, /PORT is "http"/],
    [
      'a host that is not this machine',
      { ...QUICKCHAT, PORT: '0', HOST: '10.255.255.1' },
      /HOST 10\.255\.255\.1 is not an address of this machine/,
    ],
    [
      'a host name that does not resolve',
      { ...QUICKCHAT, PORT: '0', HOST: 'no-such-host.invalid' },
      /HOST "no-such-host\.invalid" is not an address or a host name that resolves/,
    ],
    [
      'a wrong provider',
      { ...QUICKCHAT, CHATLET_PROVIDER: 'openai' },
      /CHATLET_PROVIDER is "openai"/,
    ],
  ];
  for (const [name, env, expected] of cases) {
    test(name, async () => {
      expectOneLineRefusal(await run(env), expected);
    });
  }

  test('a port in use', async () => {
    taken = createServer();
    const server = taken;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    expectOneLineRefusal(
      await run({ ...QUICKCHAT, PORT: String(port) }),
      new RegExp(`PORT ${port} is already in use on 127\\.0\\.0\\.1: .*set PORT to a free port`),
    );
  });

  test('an argument it does not take', async () => {
    expectOneLineRefusal(await run(QUICKCHAT, ['--port=80']), /Unknown argument "--port=80"/);
  });
});

test.describe('chatlet-proxy starts', () => {
  test('--help prints every setting and exits 0', async () => {
    const exit = await run({}, ['--help']);
    expect(exit.code).toBe(0);
    for (const name of ['CHATLET_PROVIDER', 'CHATLET_SECRET', 'CHATLET_PUBLIC_ORIGIN', 'PORT']) {
      expect(exit.stdout).toContain(name);
    }
  });

  test('the demo only with CHATLET_PROVIDER=demo, in one line, then stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN], {
      env: { PATH: process.env['PATH'] ?? '', CHATLET_PROVIDER: 'demo', PORT: '0' },
    });
    const line = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out);
      });
    });
    const url = /(http:\/\/\S+\/chat)/.exec(line)?.[1] ?? '';
    expect(line).toMatch(/demo assistant/);
    const health = await fetch(url.replace(/\/chat$/, '/healthz'));
    expect(health.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
