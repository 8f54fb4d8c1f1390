// Benchmark 3: what the Chatlet proxy costs on top of a bare `node:http` forwarder. The
// same loopback stand-in upstream is called directly, through the forwarder and through the proxy,
// with autocannon for a fixed time each and the same connections. Figures are ratios within the run.
import { fork, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { DIST } from './lib/chatlet.mjs';
import { fixed, median, numberFlag, printTable, ratio } from './lib/table.mjs';

const SERVERS = join(dirname(fileURLToPath(import.meta.url)), 'lib/proxy-servers.mjs');
const NPM = join(DIST, 'npm');

/**
 * Starts one server role in its own process and resolves with its URL and a way to stop it.
 * @param {string[]} args
 * @param {number} maxSeconds
 */
function startServer(args, maxSeconds) {
  const child = fork(SERVERS, args, {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, CHATLET_BENCH_MAX_S: String(maxSeconds) },
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${args[0]} server exited early (${code})`)));
    child.once('message', (message) =>
      resolve({ url: /** @type {{url: string}} */ (message).url, stop: () => child.kill() }),
    );
  });
}

/**
 * Starts Debian's redis-server on a free loopback port without persistence, or resolves `undefined`
 * when it is not installed (then the Redis row is left out and the run says so).
 */
async function startRedis() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
  await new Promise((resolve) => probe.close(resolve));
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const ready = await new Promise((resolve) => {
    child.once('error', () => resolve(false));
    child.stdout.on('data', (chunk) => {
      if (String(chunk).includes('Ready to accept connections')) resolve(true);
    });
  });
  if (!ready) return undefined;
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill('SIGKILL') };
}

/** The p-th percentile (0–100) of sorted latencies, in ms. */
function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Loads `url` for `duration` seconds with `connections` connections. Each request posts a chat
 * message with its own `client_message_id`, as the widget does, so the proxy's idempotency store
 * never answers from memory. Latencies are kept at full (sub-ms) resolution.
 */
async function load(url, duration, connections) {
  let sequence = 0;
  const latencies = [];
  let ok = 0;
  let other = 0;
  const instance = autocannon({
    url,
    connections,
    duration,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          sequence += 1;
          const body = JSON.stringify({
            text: 'Where is my order?',
            client_message_id: randomUUID(),
          });
          return { ...request, body };
        },
      },
    ],
  });
  instance.on('response', (_client, status, _bytes, responseTime) => {
    if (status >= 200 && status < 300) {
      ok += 1;
      latencies.push(responseTime);
    } else other += 1;
  });
  const result = await instance;
  return { rps: ok / result.duration, latencies, other: other + result.errors + result.timeouts };
}

/**
 * Runs the proxy benchmark: `--duration S` per target (default 10), split into `--rounds N`
 * (default 5) interleaved rounds so that background load hits every target alike;
 * `--connections N` (default 10).
 */
export async function run(argv = []) {
  const duration = numberFlag(argv, 'duration', 10);
  const rounds = Math.min(numberFlag(argv, 'rounds', 5), duration);
  const connections = numberFlag(argv, 'connections', 10);
  const slice = Math.max(1, Math.round(duration / rounds));
  const built = existsSync(join(NPM, 'proxy.js')) && existsSync(join(NPM, 'proxy-node.js'));
  const maxSeconds = (slice + 1) * rounds * 8 + 60;

  const upstream = await startServer(['upstream'], maxSeconds);
  const targets = [
    { label: 'upstream stand-in, called directly', server: { url: upstream.url, stop() {} } },
    {
      label: 'bare node:http forwarder',
      server: await startServer(['forwarder', upstream.url], maxSeconds),
    },
    {
      label: 'node:http in + fetch() out forwarder (reference)',
      server: await startServer(['fetch-forwarder', upstream.url], maxSeconds),
    },
  ];
  const redis = built ? await startRedis() : undefined;
  if (built) {
    targets.push(
      {
        label: 'Chatlet proxy (log off, limits on, memory state)',
        server: await startServer(
          ['chatlet', upstream.url, 'quiet', NPM, 'state-memory'],
          maxSeconds,
        ),
      },
      ...(redis === undefined
        ? []
        : [
            {
              label: 'Chatlet proxy (log off, limits on, Redis state)',
              server: await startServer(
                ['chatlet', upstream.url, 'quiet', NPM, `state-redis=${redis.url}`],
                maxSeconds,
              ),
            },
          ]),
      {
        label: 'Chatlet proxy (log off)',
        server: await startServer(['chatlet', upstream.url, 'quiet', NPM], maxSeconds),
      },
      {
        label: 'Chatlet proxy (default JSON log → /dev/null)',
        server: await startServer(['chatlet', upstream.url, 'default', NPM], maxSeconds),
      },
      {
        label: 'Chatlet proxy (log off, fetch over node:http; diagnostic)',
        server: await startServer(
          ['chatlet', upstream.url, 'quiet', NPM, 'http-fetch'],
          maxSeconds,
        ),
      },
    );
  }

  /** @type {Map<object, Array<Awaited<ReturnType<typeof load>>>>} */
  const measured = new Map(targets.map((target) => [target, []]));
  try {
    for (const target of targets) await load(target.server.url, 1, connections); // warm-up
    for (let round = 0; round < rounds; round += 1) {
      for (const target of targets) {
        measured.get(target).push(await load(target.server.url, slice, connections));
      }
      process.stderr.write(`  proxy: round ${round + 1}/${rounds} done\n`);
    }
  } finally {
    for (const target of targets) target.server.stop();
    upstream.stop();
    redis?.stop();
  }

  const results = targets.map((target) => {
    const parts = measured.get(target);
    const latencies = parts.flatMap((part) => part.latencies).toSorted((a, b) => a - b);
    return {
      label: target.label,
      rps: median(parts.map((part) => part.rps)),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      other: parts.reduce((sum, part) => sum + part.other, 0),
    };
  });
  const [direct, forwarder] = results;
  console.log(
    `## Proxy overhead (autocannon, ${connections} connections, ${rounds} interleaved rounds × ${slice} s per target; load generator and servers share ${availableParallelism()} cores)\n`,
  );
  printTable(
    [
      'target',
      'requests/s (median of rounds)',
      'p50 ms',
      'p99 ms',
      '× forwarder req/s',
      '+p50 vs direct',
      '+p99 vs direct',
      'non-2xx/errors',
    ],
    results.map((result) => [
      result.label,
      fixed(result.rps, 0),
      fixed(result.p50, 2),
      fixed(result.p99, 2),
      ratio(result.rps, forwarder.rps),
      result === direct ? '—' : `${fixed(result.p50 - direct.p50, 2)} ms`,
      result === direct ? '—' : `${fixed(result.p99 - direct.p99, 2)} ms`,
      String(result.other),
    ]),
  );
  const memory = results.find(
    (r) => r.label === 'Chatlet proxy (log off, limits on, memory state)',
  );
  const shared = results.find((r) => r.label === 'Chatlet proxy (log off, limits on, Redis state)');
  if (memory && shared) {
    console.log(
      `Goal: with Redis the proxy keeps ≥ 0.9× its throughput with memory state and adds ≤ 0.5 ms at p50. This run: ${ratio(shared.rps, memory.rps)} throughput; ${fixed(shared.p50 - memory.p50, 2)} ms at p50.\n`,
    );
  } else if (built) {
    console.log('Redis row left out: redis-server is not installed (`.ci/setup-machine`).\n');
  }
  const proxied = results.find((result) => result.label === 'Chatlet proxy (log off)');
  if (proxied) {
    console.log(
      `Goal: the proxy keeps ≥ 0.7× the forwarder's throughput and adds ≤ 1 ms at p50. This run: ${ratio(proxied.rps, forwarder.rps)} throughput; +${fixed(proxied.p50 - forwarder.p50, 2)} ms at p50 over the forwarder, +${fixed(proxied.p50 - direct.p50, 2)} ms over calling the upstream directly.\n`,
    );
  } else {
    console.log(
      `Chatlet proxy: not built (${NPM}/proxy.js and proxy-node.js are missing; run \`npm run build\`).\n`,
    );
  }
}
