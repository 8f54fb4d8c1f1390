// The Next.js consumer app of test/consumers/run.mjs, run as a site owner runs it: `next build`,
// then `next start` on loopback behind a forwarding proxy (as a host or nginx puts one in front),
// with the proxy's settings in the environment the README documents. The upstream is a loopback
// stand-in of Quickchat's legacy API.
import { spawn, spawnSync } from 'node:child_process';
import { createServer, request as forward } from 'node:http';
import { join } from 'node:path';

const listen = (server) =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));

/** A stand-in of Quickchat's legacy API that echoes the text and records it. */
async function startUpstream() {
  const calls = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const { text } = JSON.parse(raw);
      calls.push(text);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ ord_number: calls.length * 2, conv_id: 'c-1', reply: `Echo: ${text}` }),
      );
    });
  });
  return { calls, server, url: `http://127.0.0.1:${await listen(server)}/chat` };
}

/**
 * A forwarding proxy on its own port: the public origin the browser sees, known before Next.js
 * starts (its port comes later), and the one that writes X-Forwarded-For, which the route's
 * proxy trusts with CHATLET_TRUST_PROXY. Requests wait until `target` is set.
 */
async function startFront() {
  const front = { target: undefined, server: undefined, origin: '' };
  front.server = createServer((req, res) => {
    const out = forward(
      {
        host: '127.0.0.1',
        port: front.target,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, 'x-forwarded-for': '203.0.113.9' },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.writeHead(502).end());
    req.pipe(out);
  });
  front.origin = `http://127.0.0.1:${await listen(front.server)}`;
  return front;
}

/**
 * Builds the app in `dir` (its .next cache stays there between runs) and starts it. Returns the
 * public origin, the texts the upstream received, and `stop()`.
 */
export async function startNextApp(dir) {
  // Without this test's own CHATLET_* variables (CHATLET_CONSUMERS_NEXT, CHATLET_CONSUMER_CACHE):
  // the proxy refuses to start on a CHATLET_ variable it does not know, as it should.
  const env = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(CHATLET|QUICKCHAT|FAMULOR)_/.test(name)),
    ),
    NEXT_TELEMETRY_DISABLED: '1',
  };
  const next = join(dir, 'node_modules', 'next', 'dist', 'bin', 'next');
  const built = spawnSync('node', [next, 'build'], { cwd: dir, env, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`next build failed:\n${built.stdout}\n${built.stderr}`);

  const upstream = await startUpstream();
  const front = await startFront();
  const server = spawn('node', [next, 'start', '-H', '127.0.0.1', '-p', '0'], {
    cwd: dir,
    // Its own process group, so stop() ends Next.js and any worker it starts.
    detached: true,
    env: {
      ...env,
      QUICKCHAT_API_KEY: 'consumer-test-key',
      QUICKCHAT_SCENARIO_ID: 'consumer-scenario',
      QUICKCHAT_API_URL: upstream.url,
      CHATLET_SECRET: 'consumer-test-secret-0123456789abcdef0123456789',
      CHATLET_PUBLIC_ORIGIN: front.origin,
      CHATLET_TRUST_PROXY: 'true',
    },
  });
  const stop = async () => {
    if (server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
    front.server.close();
    upstream.server.close();
  };
  try {
    let output = '';
    front.target = await new Promise((resolve, reject) => {
      server.stdout.on('data', (chunk) => {
        output += chunk;
        const port = /Local:\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
        if (port && /Ready/.test(output)) resolve(Number(port));
      });
      server.stderr.on('data', (chunk) => (output += chunk));
      server.once('exit', (code) =>
        reject(new Error(`next start exited with ${code}:\n${output}`)),
      );
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin: front.origin, upstreamCalls: upstream.calls, stop };
}
