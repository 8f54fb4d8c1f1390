// `npm run soak` : the BUILT proxy in its own process, relaying to a
// loopback Quickchat stand-in, under N concurrent visitors for D seconds, then R repeated rounds.
// Each visitor is a conversation: a first message, then follow-ups with the token the proxy returned
// and a fresh client_message_id each (a new conversation every 10 messages), and once per
// conversation a repeated client_message_id, which must come back as the first answer without a
// second upstream call. Loopback only, bounded in visitors and time, and it stops by itself.
//
//   node test/soak/run.mjs [--visitors 200] [--duration 30] [--rounds 3] [--quick]
//
// --rounds counts the repeated rounds after the first; --quick is 50 visitors, 5 s, 2 rounds
// (explicit flags still win). Exit code 1 when a criterion fails; the last line is
// `N passed, N failed`.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const NPM = join(HERE, '..', '..', 'dist', 'npm');
const API_KEY = `soak-key-${randomUUID()}`;
const SECRET = `soak-secret-${randomUUID()}`;
/** Most a round may take beyond its duration before the run gives up (slow answers drain). */
const DRAIN_S = 15;
/** A follow-up every `MESSAGES_PER_CONVERSATION` messages starts a new conversation. */
const MESSAGES_PER_CONVERSATION = 10;
/** After a round, memory is sampled this often (each after a full GC) for `SETTLE_SAMPLES` times. */
const SETTLE_MS = 250;
const SETTLE_SAMPLES = 8;
/**
 * What the proxy keeps (V8's heap in use plus external memory, after a full GC) after the last round
 * may exceed the first round's by this factor at most: a leak grows it round after round.
 */
const KEPT_GROWTH_LIMIT = 1.2;
/**
 * RSS after the last round may exceed the first round's by this factor at most. Looser than what
 * is kept: V8 does not hand back the heap pages it committed under a burst of garbage (one CI run
 * on a loaded machine: heap in use 15.7 → 17.5 MB, heap committed 21.8 → 53.4 MB, RSS +39%), so
 * RSS alone flagged a machine under load as a leak; it still catches memory outside V8's heap.
 */
const RSS_GROWTH_LIMIT = 1.6;

const settings = parseArgs(process.argv.slice(2));
const totalRounds = 1 + settings.rounds;
const maxSeconds = totalRounds * (settings.duration + DRAIN_S + 10) + 60;

if (!existsSync(join(NPM, 'proxy.js')) || !existsSync(join(NPM, 'proxy-node.js'))) {
  console.error('soak: dist/npm/proxy.js or proxy-node.js is missing: run `npm run build` first.');
  process.exit(1);
}

// The whole run is bounded: whatever hangs, it ends here.
const watchdog = setTimeout(() => {
  console.error(`soak: still running after ${maxSeconds} s; stopping.`);
  stopAll();
  process.exit(1);
}, maxSeconds * 1000);

/** @type {import('node:child_process').ChildProcess[]} */
const started = [];
const childEnv = {
  ...process.env,
  CHATLET_SOAK_API_KEY: API_KEY,
  CHATLET_SOAK_SECRET: SECRET,
  CHATLET_SOAK_MAX_S: String(maxSeconds),
};
const upstream = await startChild(join(HERE, 'upstream.mjs'), [], []);
const proxy = await startChild(join(HERE, 'proxy-child.mjs'), [upstream.url, NPM], ['--expose-gc']);
const endpoint = `${proxy.url}/chat`;
const agent = new Agent({ keepAlive: true, maxSockets: settings.visitors + 8 });

console.log(
  `Soak: ${settings.visitors} concurrent visitors, ${totalRounds} rounds of ${settings.duration} s (the first, then ${settings.rounds} repeated), built proxy ${NPM}, loopback stand-in answering after ~3 ms; ${availableParallelism()} CPU cores shared by the load generator, the proxy and the stand-in.\n`,
);

/** @type {Array<{ name: string, ok: boolean, detail: string }>} */
const criteria = [];
const check = (name, ok, detail) => criteria.push({ name, ok, detail });

const rows = [];
let firstRound;
let lastRound;
for (let round = 1; round <= totalRounds; round += 1) {
  const before = await proxy.memory(true);
  const logsBefore = proxy.problems.length;
  const callsBefore = (await upstream.count()).calls;
  const result = await runRound(round);
  const after = await retainedMemory();
  const upstreamCalls = (await upstream.count()).calls - callsBefore;
  const problems = proxy.problems.slice(logsBefore);
  if (round === 1) firstRound = after;
  lastRound = after;
  rows.push({ round, result, before, after, upstreamCalls, problems: problems.length });

  check(
    `round ${round}: no non-2xx answer`,
    result.non2xx === 0,
    `${result.non2xx} non-2xx (${formatStatuses(result.statuses)})`,
  );
  check(
    `round ${round}: no transport error or timeout`,
    result.errors === 0,
    `${result.errors} errors${result.firstError ? ` (first: ${result.firstError})` : ''}`,
  );
  check(
    `round ${round}: no error or warning in the proxy log`,
    problems.length === 0,
    problems.length === 0 ? '0 lines' : `${problems.length} lines, first: ${problems[0]}`,
  );
  check(
    `round ${round}: each bot turn once (repeated ids replayed, upstream calls = distinct messages)`,
    result.replayMismatches === 0 && upstreamCalls === result.distinctAnswered,
    `${result.replays} replays, ${result.replayMismatches} differed; ${upstreamCalls} upstream calls for ${result.distinctAnswered} distinct messages`,
  );
  process.stderr.write(
    `  round ${round}/${totalRounds}: ${result.requests} requests, RSS ${mb(after.rss)} MB\n`,
  );
}

check(
  `memory kept flat: heap in use + external after the last round within +${Math.round((KEPT_GROWTH_LIMIT - 1) * 100)}% of the first (after GC)`,
  lastRound.kept <= firstRound.kept * KEPT_GROWTH_LIMIT,
  `${mb(firstRound.kept)} MB → ${mb(lastRound.kept)} MB (${signedPercent(lastRound.kept / firstRound.kept - 1)})`,
);
check(
  `RSS bounded: after the last round within +${Math.round((RSS_GROWTH_LIMIT - 1) * 100)}% of the first (after GC)`,
  lastRound.rss <= firstRound.rss * RSS_GROWTH_LIMIT,
  `${mb(firstRound.rss)} MB → ${mb(lastRound.rss)} MB (${signedPercent(lastRound.rss / firstRound.rss - 1)})`,
);
const final = await finalCheck();
check('afterwards the proxy answers a normal conversation and /healthz', final.ok, final.detail);

printTable(
  [
    'round',
    'requests',
    'req/s',
    'p50 ms',
    'p99 ms',
    'max ms',
    'non-2xx',
    'errors',
    'error/warn log lines',
    'upstream calls',
    'replays',
    'proxy CPU s',
    'RSS before MB',
    'RSS after MB (retained)',
    'heap used / total MB',
    'external MB',
  ],
  rows.map(({ round, result, before, after, upstreamCalls, problems }) => [
    String(round),
    String(result.requests),
    result.rps.toFixed(0),
    result.p50.toFixed(1),
    result.p99.toFixed(1),
    result.max.toFixed(1),
    String(result.non2xx),
    String(result.errors),
    String(problems),
    String(upstreamCalls),
    String(result.replays),
    ((after.cpuMs - before.cpuMs) / 1000).toFixed(1),
    mb(before.rss),
    mb(after.rss),
    `${mb(after.heapUsed)} / ${mb(after.heapTotal)}`,
    mb(after.external),
  ]),
);
console.log('');
for (const criterion of criteria) {
  console.log(`${criterion.ok ? '✓' : '✗'} ${criterion.name} — ${criterion.detail}`);
}
const failed = criteria.filter((criterion) => !criterion.ok).length;
console.log(`\n${criteria.length - failed} passed, ${failed} failed`);

clearTimeout(watchdog);
stopAll();
process.exit(failed === 0 ? 0 : 1);

/**
 * The proxy's retained memory after a round: sockets and buffers of the last answers are released,
 * and the allocator returns pages, only some time after the load stops, so the RSS is sampled over
 * two seconds (each sample after a full GC) and the lowest sample counts, of the RSS and of what
 * V8 keeps (`kept`: heap in use plus external). A leak keeps its memory, so it still shows; what
 * is gone a second later was not retained.
 */
async function retainedMemory() {
  let lowest;
  let kept = Infinity;
  for (let sample = 0; sample < SETTLE_SAMPLES; sample += 1) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const memory = await proxy.memory(true);
    if (lowest === undefined || memory.rss < lowest.rss) lowest = memory;
    kept = Math.min(kept, memory.heapUsed + memory.external);
  }
  return { ...lowest, kept };
}

/** One round: `settings.visitors` visitors talking until the round's deadline. */
async function runRound(round) {
  const stats = {
    latencies: [],
    requests: 0,
    non2xx: 0,
    statuses: new Map(),
    errors: 0,
    firstError: undefined,
    replays: 0,
    replayMismatches: 0,
    distinctAnswered: 0,
  };
  await connectVisitors();
  const started = performance.now();
  const deadline = started + settings.duration * 1000;
  await Promise.all(
    Array.from({ length: settings.visitors }, (_, index) =>
      visitor(`r${round}v${index}`, deadline, stats),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = stats.latencies.toSorted((a, b) => a - b);
  return {
    ...stats,
    rps: stats.requests / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/**
 * Opens one keep-alive connection per visitor before a round's clock starts, as visitors who
 * arrive over a few seconds would have. Node 20's libuv accepts one connection per turn of the
 * event loop (https://github.com/libuv/libuv/pull/3696, and
 * https://github.com/nodejs/node/issues/57364): all visitors connecting in the same millisecond to
 * a proxy their own messages already saturate wait in the accept queue for up to ~10 s, one turn
 * (~100 ms of answering the others) each. That measures a burst of new connections at full load,
 * not how the proxy holds up under it, which is what the soak is for.
 */
async function connectVisitors() {
  const answers = await Promise.all(
    Array.from({ length: settings.visitors }, () => send('GET', `${proxy.url}/healthz`)),
  );
  const failed = answers.filter((answer) => answer.status !== 200).length;
  if (failed > 0) throw new Error(`soak: ${failed} visitors could not connect (GET /healthz).`);
}

/** One visitor: conversations of a few messages until the deadline. */
async function visitor(name, deadline, stats) {
  let conversation;
  for (let sent = 0; performance.now() < deadline; sent += 1) {
    const position = sent % MESSAGES_PER_CONVERSATION;
    if (position === 0) conversation = undefined;
    const message = {
      text: `Visitor ${name}, message ${sent}: where is my order?`,
      client_message_id: randomUUID(),
      client_metadata: { kb_topic: 'billing' },
    };
    if (conversation !== undefined) message.conversation = conversation;
    const answer = await post(message, stats);
    if (answer === undefined) continue;
    stats.distinctAnswered += 1;
    conversation = answer.conversation;
    if (position === 5) {
      // A widget retrying after a lost answer: same id, so the first answer, no second turn.
      const again = await post(message, stats);
      stats.replays += 1;
      if (again === undefined || again.reply !== answer.reply) stats.replayMismatches += 1;
    }
  }
}

/** POSTs one message; the checked 200 answer, or `undefined` after counting the failure. */
async function post(message, stats) {
  const started = performance.now();
  stats.requests += 1;
  try {
    const { status, text } = await send('POST', endpoint, JSON.stringify(message));
    stats.latencies.push(performance.now() - started);
    if (status < 200 || status >= 300) {
      stats.non2xx += 1;
      stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1);
      return undefined;
    }
    const body = JSON.parse(text);
    if (typeof body.reply !== 'string' || typeof body.conversation !== 'string') {
      throw new Error(`unexpected 200 body ${text.slice(0, 80)}`);
    }
    return body;
  } catch (error) {
    stats.errors += 1;
    stats.firstError ??= error instanceof Error ? error.message : String(error);
    return undefined;
  }
}

/** One HTTP request over the keep-alive agent, with a 10 s bound. */
function send(method, url, body) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method,
        agent,
        headers:
          body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', reject);
    req.end(body);
  });
}

/** A visitor after the load: a new conversation, a follow-up in it, and the health route. */
async function finalCheck() {
  try {
    const first = await send(
      'POST',
      endpoint,
      JSON.stringify({ text: 'Hello after the soak', client_message_id: randomUUID() }),
    );
    const opened = JSON.parse(first.text);
    const next = await send(
      'POST',
      endpoint,
      JSON.stringify({
        text: 'And a follow-up',
        conversation: opened.conversation,
        client_message_id: randomUUID(),
      }),
    );
    const continued = JSON.parse(next.text);
    const health = await send('GET', `${proxy.url}/healthz`);
    const ok =
      first.status === 200 &&
      next.status === 200 &&
      typeof continued.reply === 'string' &&
      continued.conversation_reset === false &&
      health.status === 200;
    return {
      ok,
      detail: `POST /chat ${first.status}, follow-up ${next.status} (conversation_reset ${continued.conversation_reset}), GET /healthz ${health.status}`,
    };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Forks `file` with an IPC channel and waits for its `ready` message. Its stderr lines are kept
 * as problems (an uncaught error, a runtime warning), like the proxy's warn/error log lines.
 */
function startChild(file, args, execArgv) {
  const child = fork(file, args, {
    execArgv,
    env: childEnv,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const problems = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    for (const line of chunk.split('\n')) if (line.trim() !== '') problems.push(line);
  });
  /** @type {Array<(message: any) => void>} */
  const waiting = [];
  child.on('message', (message) => {
    if (message?.type === 'log') problems.push(message.line);
    else waiting.shift()?.(message);
  });
  const ask = (message) =>
    new Promise((resolve) => {
      waiting.push(resolve);
      child.send(message);
    });
  started.push(child);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const error = new Error(`${file} exited early (code ${code})`);
      problems.push(error.message);
      reject(error);
      // Whoever still waits for an answer gets none: their figures read NaN and the run fails.
      for (const answer of waiting.splice(0)) answer({ type: 'exited' });
    });
    waiting.push((message) =>
      resolve({
        url: message.url,
        problems,
        memory: (gc) => ask({ type: 'memory', gc }),
        count: () => ask({ type: 'count' }),
      }),
    );
  });
}

function stopAll() {
  agent.destroy();
  for (const child of started) {
    if (child.connected) child.disconnect();
    child.kill();
  }
}

function parseArgs(argv) {
  const quick = argv.includes('--quick');
  const flag = (name, fallback, max) => {
    const index = argv.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
    if (index === -1) return fallback;
    const raw = argv[index].includes('=') ? argv[index].split('=')[1] : argv[index + 1];
    const value = Number(raw);
    if (!Number.isInteger(value) || value < (name === 'rounds' ? 0 : 1) || value > max) {
      console.error(`soak: --${name} must be a whole number up to ${max}, not "${raw}".`);
      process.exit(2);
    }
    return value;
  };
  return {
    visitors: flag('visitors', quick ? 50 : 200, 2000),
    duration: flag('duration', quick ? 5 : 30, 600),
    rounds: flag('rounds', quick ? 2 : 3, 20),
  };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function mb(bytes) {
  return (bytes / 1024 / 1024).toFixed(1);
}

function signedPercent(fraction) {
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;
}

function formatStatuses(statuses) {
  return statuses.size === 0
    ? 'none'
    : [...statuses].map(([status, count]) => `${status}×${count}`).join(', ');
}

function printTable(header, body) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  console.log(line(header));
  console.log(line(header.map(() => '---')));
  for (const row of body) console.log(line(row));
}
