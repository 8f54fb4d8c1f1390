// Simulation: how many visitors chatting at once one Famulor API token serves under the proxy's
// fair budget (5 calls a minute, src/proxy/fair-share.ts) and the per-IP default. The real budget
// and limiter code runs on a simulated clock, so an hour of traffic takes seconds and every run
// prints the same figures. Nothing here asserts; `node test/bench/run.mjs capacity`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { printTable } from './lib/table.mjs';

/** What one simulated visit looks like (assumptions, printed with the table). */
const MODEL = {
  perMinute: 5, // Famulor's limit per token
  messagesPerVisit: 4,
  thinkMs: [20_000, 40_000], // reading the reply and typing the next message
  upstreamMs: 3_000, // Famulor's answer time
  minutes: 60,
};

/** The budget and the memory state, bundled from the sources as the proxy uses them. */
async function loadProxyParts() {
  const dir = await mkdtemp(join(tmpdir(), 'chatlet-capacity-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    build: {
      outDir: dir,
      target: 'es2022',
      minify: false,
      lib: {
        entry: {
          budget: 'src/proxy/upstream-budget.ts',
          state: 'src/proxy/state/memory-state.ts',
          share: 'src/proxy/fair-share.ts',
        },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
    },
  });
  const load = (name) => import(pathToFileURL(join(dir, `${name}.js`)).href);
  const parts = { ...(await load('budget')), ...(await load('state')), ...(await load('share')) };
  await rm(dir, { recursive: true, force: true });
  return parts;
}

/** A clock that jumps from timer to timer; all work between timers is promise callbacks. */
function simulatedClock() {
  let time = 0;
  let order = 0;
  const timers = [];
  return {
    now: () => time,
    sleep: (ms) =>
      new Promise((wake) => timers.push({ at: time + Math.max(0, ms), order: (order += 1), wake })),
    async runUntil(end) {
      for (;;) {
        // setImmediate runs once every pending promise callback has run.
        await new Promise((resolve) => setImmediate(resolve));
        timers.sort((a, b) => a.at - b.at || a.order - b.order);
        const next = timers[0];
        if (next === undefined || next.at > end) break;
        timers.shift();
        time = next.at;
        next.wake();
      }
    },
  };
}

/** A seeded random source (mulberry32), so every run sees the same visitors. */
function seeded(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Runs `visitors` visitors at once (each leaving after its visit is replaced at once) and, with
 * `heavy`, one more client sending a message every 12 s in one conversation.
 */
async function simulate(parts, visitors, heavy = false) {
  const clock = simulatedClock();
  const random = seeded(visitors * 7919 + (heavy ? 1 : 0));
  const state = parts.createMemoryState({ now: clock.now });
  const ipLimit = state.limiter('ip', parts.defaultIpLimit(MODEL.perMinute));
  const starts = [];
  let conversations = 0;
  const provider = {
    name: 'famulor',
    async send(turn) {
      starts.push(clock.now());
      await clock.sleep(MODEL.upstreamMs);
      const key = turn.conversationKey ?? `conversation-${(conversations += 1)}`;
      return {
        reply: '',
        conversationKey: key,
        ordNumber: 0,
        handoff: false,
        conversationReset: false,
      };
    },
  };
  const budget = parts.withUpstreamBudget(provider, {
    perMinute: MODEL.perMinute,
    maxQueue: 10,
    maxWaitMs: 15_000,
    state,
    now: clock.now,
    sleep: clock.sleep,
  });
  const end = MODEL.minutes * 60_000;
  const tally = {
    sent: 0,
    refused: 0,
    firstSent: 0,
    firstRefused: 0,
    waits: [],
    heavySent: 0,
    heavyServed: 0,
  };

  /** Sends one message as the widget would: the per-IP limit first, then the budget. */
  const message = async (ip, conversationKey, isHeavy) => {
    const sentAt = clock.now();
    const first = conversationKey === undefined;
    const count = (served) => {
      if (isHeavy) {
        tally.heavySent += 1;
        if (served) tally.heavyServed += 1;
        return;
      }
      tally.sent += 1;
      if (first) tally.firstSent += 1;
      if (!served) {
        tally.refused += 1;
        if (first) tally.firstRefused += 1;
      }
    };
    if (!(await ipLimit.take(ip)).allowed) {
      count(false);
      return conversationKey;
    }
    const startsBefore = starts.length;
    try {
      const reply = await budget.send({
        text: '',
        conversationKey,
        messageContext: undefined,
        metadata: undefined,
        signal: new AbortController().signal,
      });
      if (!isHeavy)
        tally.waits.push(
          starts[startsBefore] === undefined ? 0 : clock.now() - MODEL.upstreamMs - sentAt,
        );
      count(true);
      return reply.conversationKey;
    } catch {
      count(false);
      return conversationKey;
    }
  };

  let visits = 0;
  const visitor = async () => {
    while (clock.now() < end) {
      const ip = `visitor-${(visits += 1)}`;
      let conversationKey;
      for (let i = 0; i < MODEL.messagesPerVisit && clock.now() < end; i += 1) {
        conversationKey = await message(ip, conversationKey, false);
        const [low, high] = MODEL.thinkMs;
        await clock.sleep(low + random() * (high - low));
      }
    }
  };
  const heavyClient = async () => {
    let conversationKey;
    while (clock.now() < end) {
      conversationKey = await message('heavy', conversationKey, true);
      await clock.sleep(12_000);
    }
  };

  const running = Array.from({ length: visitors }, visitor);
  if (heavy) running.push(heavyClient());
  await clock.runUntil(end + 120_000);
  await Promise.all(running);
  return { ...tally, maxPerWindow: maxInWindow(starts, 60_000), calls: starts.length };
}

/** The most starts inside any window of `windowMs`. */
function maxInWindow(times, windowMs) {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i += 1) {
    while (times[i] - times[j] >= windowMs) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

const percent = (part, whole) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)} %`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const quantile = (values, q) => {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

/** Prints the capacity table and the one-heavy-client table. */
export async function run() {
  const parts = await loadProxyParts();
  console.log('## Famulor capacity of one API token (simulated)\n');
  console.log(
    `${MODEL.perMinute} calls/min per token; each visitor sends ${MODEL.messagesPerVisit} messages, ` +
      `${MODEL.thinkMs[0] / 1000}–${MODEL.thinkMs[1] / 1000} s apart after each answer; Famulor answers in ` +
      `${MODEL.upstreamMs / 1000} s; a leaving visitor is replaced at once; ${MODEL.minutes} simulated minutes; ` +
      `per-IP limit ${parts.defaultIpLimit(MODEL.perMinute)}/min (the Famulor default); queue 10, wait ≤ 15 s.\n`,
  );
  const rows = [];
  for (const visitors of [1, 2, 3, 4, 6, 8, 12]) {
    const r = await simulate(parts, visitors);
    rows.push([
      visitors,
      (r.sent / MODEL.minutes).toFixed(1),
      percent(r.refused, r.sent),
      percent(r.firstRefused, r.firstSent),
      seconds(r.waits.reduce((a, b) => a + b, 0) / Math.max(1, r.waits.length)),
      seconds(quantile(r.waits, 0.95)),
      r.maxPerWindow,
    ]);
  }
  printTable(
    [
      'visitors at once',
      'messages/min',
      'refused',
      'first messages refused',
      'mean wait',
      'p95 wait',
      'most calls in any 60 s',
    ],
    rows,
  );

  console.log('One client sending every 12 s (5 a minute, one conversation) next to others:\n');
  const heavyRows = [];
  for (const visitors of [1, 2, 3]) {
    const r = await simulate(parts, visitors, true);
    heavyRows.push([
      visitors,
      (r.heavyServed / MODEL.minutes).toFixed(1),
      percent(r.refused, r.sent),
      percent(r.firstRefused, r.firstSent),
      r.maxPerWindow,
    ]);
  }
  printTable(
    [
      'other visitors',
      'heavy client served/min',
      'others refused',
      'others\u2019 first messages refused',
      'most calls in any 60 s',
    ],
    heavyRows,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
