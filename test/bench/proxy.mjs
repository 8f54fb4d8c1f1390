// Benchmark 3: what the Chatlet proxy costs on top of a bare `node:http` forwarder. The
// same loopback stand-in upstream is called directly, through the forwarder and through the proxy,
// with autocannon for a fixed time each and the same connections. Figures are ratios within the run.
import { fork, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { DIST } from './lib/chatlet.mjs';
import { fixed, median, numberFlag, printTable } from './lib/table.mjs';

const SERVERS = join(dirname(fileURLToPath(import.meta.url)), 'lib/proxy-servers.mjs');
const NPM = join(DIST, 'npm');
const MEMORY_ROW = 'Chatlet, node:http, limits on, memory state';
const REDIS_ROW = 'Chatlet, node:http, limits on, Redis state';

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
      resolve({
        url: /** @type {{url: string}} */ (message).url,
        stop: () => child.kill(),
        /** The child's CPU time so far (user + system), in µs. */
        cpu: () =>
          new Promise((done) => {
            child.once('message', (answer) => done(answer.cpu.user + answer.cpu.system));
            child.send('cpu');
          }),
      }),
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
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => child.kill('SIGKILL'),
    /** redis-server's CPU time so far (user + system, /proc clock ticks of 10 ms), in µs. */
    cpu: async () => {
      const fields = (await readFile(`/proc/${child.pid}/stat`, 'utf8')).split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10_000;
    },
  };
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
  return {
    rps: ok / result.duration,
    latencies,
    other: other + result.errors + result.timeouts,
    count: ok + other,
  };
}

/** Every value given after `--name` (the flag may be repeated). */
function textFlags(argv, name) {
  return argv.flatMap((arg, at) =>
    arg === `--${name}` && at + 1 < argv.length ? [argv[at + 1]] : [],
  );
}

/**
 * Runs the proxy benchmark: `--duration S` per target (default 10), split into `--rounds N`
 * (default 5) interleaved rounds so that background load hits every target alike;
 * `--connections N` (default 10). `--compare DIR` adds rows (log off, JSON log) for the proxy
 * built in another `dist/npm` (e.g. of an earlier commit), so a change is measured against it in the
 * same run; `--focus` keeps only the forwarders' and the node:http rows (log off, JSON log).
 * `--state` keeps only the bare forwarder and the two state rows (memory, Redis), and `--compare DIR`
 * (repeatable) then adds both state rows of each other build, interleaved in the same rounds: the
 * A/B for Redis's cost.
 */
export async function run(argv = []) {
  const compares = textFlags(argv, 'compare');
  const compare = compares[0];
  const focus = argv.includes('--focus');
  const stateOnly = argv.includes('--state');
  const duration = numberFlag(argv, 'duration', 10);
  const rounds = Math.min(numberFlag(argv, 'rounds', 5), duration);
  const connections = numberFlag(argv, 'connections', 10);
  const slice = Math.max(1, Math.round(duration / rounds));
  const built = existsSync(join(NPM, 'proxy.js')) && existsSync(join(NPM, 'proxy-node.js'));
  const maxSeconds = (slice + 1) * rounds * 8 + 60;

  const upstream = await startServer(['upstream'], maxSeconds);
  const forwarderTarget = {
    label: 'bare node:http forwarder',
    server: await startServer(['forwarder', upstream.url], maxSeconds),
  };
  const targets = stateOnly
    ? [forwarderTarget]
    : [
        { label: 'upstream stand-in, called directly', server: { ...upstream, stop() {} } },
        forwarderTarget,
        {
          label: 'node:http in + fetch() out forwarder (reference)',
          server: await startServer(['fetch-forwarder', upstream.url], maxSeconds),
        },
      ];
  const redis = built && !focus ? await startRedis() : undefined;
  // A server that fails to start ends the run before the `finally` below, and redis-server, unlike
  // the forked servers, does not exit with this process: stop it on the way out in any case.
  process.once('exit', () => redis?.stop());
  const redisAbsent = redis === undefined;
  /** A Chatlet proxy row: `log` quiet|default, `transport` node|fetch, optional state mode. */
  const chatlet = async (label, log, transport, state, npm = NPM) => ({
    label,
    server: await startServer(
      ['chatlet', upstream.url, log, npm, transport, ...(state ? [state] : [])],
      maxSeconds,
    ),
  });
  if (built && stateOnly) {
    for (const [dir, name] of [[NPM, ''], ...compares.map((dir) => [dir, ` (built in ${dir})`])]) {
      const memory = `${MEMORY_ROW}${name}`;
      targets.push(await chatlet(memory, 'quiet', 'node', 'state-memory', dir));
      if (redis !== undefined) {
        const label = `${REDIS_ROW}${name}`;
        targets.push(await chatlet(label, 'quiet', 'node', `state-redis=${redis.url}`, dir));
      }
    }
  }
  if (built && !stateOnly) {
    targets.push(
      await chatlet('Chatlet, node:http transport (log off)', 'quiet', 'node'),
      await chatlet('Chatlet, node:http transport, JSON log → /dev/null', 'default', 'node'),
    );
  }
  if (built && !stateOnly && compare !== undefined) {
    targets.push(
      await chatlet(
        `Chatlet built in ${compare}, node:http transport (log off)`,
        'quiet',
        'node',
        undefined,
        compare,
      ),
      await chatlet(
        `Chatlet built in ${compare}, node:http transport, JSON log → /dev/null`,
        'default',
        'node',
        undefined,
        compare,
      ),
    );
  }
  if (built && !focus && !stateOnly) {
    targets.push(
      await chatlet('Chatlet, fetch transport (log off)', 'quiet', 'fetch'),
      await chatlet('Chatlet, fetch transport, JSON log → /dev/null', 'default', 'fetch'),
      await chatlet(MEMORY_ROW, 'quiet', 'node', 'state-memory'),
      ...(redis === undefined
        ? []
        : [await chatlet(REDIS_ROW, 'quiet', 'node', `state-redis=${redis.url}`)]),
    );
  }

  /** @type {Map<object, Array<Awaited<ReturnType<typeof load>>>>} */
  const measured = new Map(targets.map((target) => [target, []]));
  try {
    for (const target of targets) await load(target.server.url, 1, connections); // warm-up
    for (let round = 0; round < rounds; round += 1) {
      for (const target of targets) {
        const before = await target.server.cpu();
        // Only this row talks to Redis during its slice: redis-server's CPU meanwhile is its own.
        const talks = redis !== undefined && target.label.startsWith(REDIS_ROW);
        const redisBefore = talks ? await redis.cpu() : 0;
        const part = await load(target.server.url, slice, connections);
        part.cpuPerRequest = ((await target.server.cpu()) - before) / Math.max(1, part.count);
        if (talks) part.redisCpu = ((await redis.cpu()) - redisBefore) / Math.max(1, part.count);
        measured.get(target).push(part);
      }
      process.stderr.write(`  proxy: round ${round + 1}/${rounds} done\n`);
    }
  } finally {
    for (const target of targets) target.server.stop();
    upstream.stop();
    redis?.stop();
  }

  // Each round measures every target back to back, so ratios are taken within a round and then
  // summarised: the median, and the min–max over rounds shows how noisy the machine was.
  const forwarderParts = measured.get(forwarderTarget);
  const range = (values, digits, suffix = '') =>
    `${fixed(median(values), digits)}${suffix} (${fixed(Math.min(...values), digits)}–${fixed(Math.max(...values), digits)})`;
  const results = targets.map((target) => {
    const parts = measured.get(target);
    const latencies = parts.flatMap((part) => part.latencies).toSorted((a, b) => a - b);
    const p50s = parts.map((part) =>
      percentile(
        part.latencies.toSorted((a, b) => a - b),
        50,
      ),
    );
    const forwarderP50s = forwarderParts.map((part) =>
      percentile(
        part.latencies.toSorted((a, b) => a - b),
        50,
      ),
    );
    return {
      label: target.label,
      rps: median(parts.map((part) => part.rps)),
      rpsRange: range(
        parts.map((part) => part.rps),
        0,
      ),
      rounds: parts.map((part) => part.rps),
      redisCpu: parts.map((part) => part.redisCpu ?? 0),
      roundP50s: p50s,
      ratio: parts.map((part, round) => part.rps / forwarderParts[round].rps),
      addedP50: p50s.map((p50, round) => p50 - forwarderP50s[round]),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      cpu: range(
        parts.map((part) => part.cpuPerRequest),
        0,
        ' µs',
      ),
      cpuRatio: range(
        parts.map((part, round) => part.cpuPerRequest / forwarderParts[round].cpuPerRequest),
        2,
        '×',
      ),
      other: parts.reduce((sum, part) => sum + part.other, 0),
    };
  });
  const forwarder = results[targets.indexOf(forwarderTarget)];
  console.log(
    `## Proxy overhead (autocannon, ${connections} connections, ${rounds} interleaved rounds × ${slice} s per target; load generator and servers share ${availableParallelism()} cores)\n`,
  );
  printTable(
    [
      'target',
      'requests/s, median (min–max) of rounds',
      'p50 ms',
      'p99 ms',
      '× forwarder req/s, same round: median (min–max)',
      '+p50 vs forwarder, same round: median (min–max)',
      'CPU per request of this server process: median (min–max)',
      'CPU per request × forwarder, same round: median (min–max)',
      'non-2xx/errors',
    ],
    results.map((result) => [
      result.label,
      result.rpsRange,
      fixed(result.p50, 2),
      fixed(result.p99, 2),
      result === forwarder ? '1.00×' : range(result.ratio, 2, '×'),
      result === forwarder ? '—' : range(result.addedP50, 2, ' ms'),
      result.cpu,
      result === forwarder ? '1.00×' : result.cpuRatio,
      String(result.other),
    ]),
  );
  // Redis against memory of the same build, within each round (the rows ran back to back).
  const memoryRows = results.filter((r) => r.label.startsWith(MEMORY_ROW));
  for (const memory of memoryRows) {
    const shared = results.find((r) => r.label === memory.label.replace(MEMORY_ROW, REDIS_ROW));
    if (shared === undefined) continue;
    const build = memory.label.slice(MEMORY_ROW.length);
    console.log(
      `Goal: with Redis the proxy keeps ≥ 0.9× its throughput with memory state and adds ≤ 0.5 ms at p50. This run${build}, same round: ${range(
        shared.rounds.map((rps, round) => rps / memory.rounds[round]),
        2,
        '×',
      )} throughput; ${range(
        shared.roundP50s.map((p50, round) => p50 - memory.roundP50s[round]),
        2,
        ' ms',
      )} at p50; redis-server's own CPU per message ${range(shared.redisCpu, 0, ' µs')}.\n`,
    );
  }
  if (built && !focus && memoryRows.length > 0 && redisAbsent) {
    console.log('Redis row left out: redis-server is not installed (`.ci/setup-machine`).\n');
  }
  const proxied = results.find(
    (result) => result.label === 'Chatlet, node:http transport (log off)',
  );
  if (proxied) {
    console.log(
      `Goal: the proxy keeps ≥ 0.7× the forwarder's throughput and adds ≤ 1 ms at p50 (10 connections). This run (node:http transport, log off): ${range(proxied.ratio, 2, '×')} throughput; ${range(proxied.addedP50, 2, ' ms')} at p50 over the forwarder; ${proxied.cpuRatio} the forwarder's CPU per request.\n`,
    );
  } else if (!built) {
    console.log(
      `Chatlet proxy: not built (${NPM}/proxy.js and proxy-node.js are missing; run \`npm run build\`).\n`,
    );
  }
}
