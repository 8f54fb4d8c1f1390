// Benchmark 4: long conversations. The built widget on a page whose localStorage already
// holds a 100-, 1,000- or 5,000-message conversation (and, as the baseline of the same run, none):
// time to open the panel with its history shown, the longest task meanwhile, time to re-open it,
// and JS heap. Medians (and the spread) over runs.
import { existsSync } from 'node:fs';
import { DIST, LOADER, NOT_BUILT } from './lib/chatlet.mjs';
import { launchChromium } from './lib/browser.mjs';
import { instrument } from './lib/instrument.mjs';
import { startServer } from './lib/server.mjs';
import { fixed, median, numberFlag, printTable, ratio } from './lib/table.mjs';

const HOST = ['chatlet-widget'];
/** The newest message carries this, so "rendered" means the end of the history is on screen. */
const MARKER = 'end-of-seeded-history';

/**
 * A stored conversation in the shape of src/client/conversation-store.ts: `{ token, messages }`,
 * messages `{ id, role, text, at, state? }`, oldest first; replies hold the markdown the rich-text
 * renderer has to parse (emphasis, a list, a link).
 * @param {number} count
 */
function conversation(count) {
  const start = Date.UTC(2026, 10, 1);
  const messages = Array.from({ length: count }, (_, index) => {
    const last = index === count - 1 ? ` ${MARKER}` : '';
    const at = start + index * 60_000;
    return index % 2 === 0
      ? {
          id: `seed-${index}`,
          role: 'user',
          state: 'sent',
          at,
          text: `Question ${index}: how do I change the delivery address of my order?${last}`,
        }
      : {
          id: `seed-${index}`,
          role: 'assistant',
          at,
          text: `Answer ${index}: here is how to **change the delivery address**:\n\n1. Open [your account](https://example.com/account)\n2. Choose *Orders*, then the order\n3. Click "Change address"\n\nIf the parcel has already shipped, the carrier can still redirect it.${last}`,
        };
  });
  return JSON.stringify({ token: 'seeded-conversation-token', messages });
}

/** The host page with the widget's script tag; the history limit admits all 5,000 messages. */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>History</title><link rel="icon" href="data:,"></head>
<body><h1>A page with a long conversation stored</h1>
<script src="/dist/chatlet.js" async data-endpoint="/chat" data-history-limit="5000"></script>
</body></html>`;

async function heapMb(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1e6;
}

/**
 * The main thread's CPU time so far (ms): unlike wall time it hardly grows when other processes
 * take the cores, so it tells more on a busy machine.
 */
async function cpuMs(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return 1000 * (metrics.find((metric) => metric.name === 'ThreadTime')?.value ?? NaN);
}

/**
 * Clicks the launcher and waits until the panel's "Message" box is focused and, with a history,
 * the newest message is visible. Returns both delays from the pointer press, the longest task and
 * the main thread's CPU time meanwhile.
 */
async function open(page, cdp, withHistory) {
  const point = await page.evaluate(() => window.chatletBenchRect('launcher'));
  if (!point) {
    return {
      inputMs: NaN,
      historyMs: NaN,
      historyLaidOutMs: NaN,
      longestMs: NaN,
      cpuMs: NaN,
    };
  }
  // waitForFunction injects Playwright's helper script the first time (17-24 ms of main-thread work
  // in traces): done before the press, it is not counted as the widget's.
  await page.waitForFunction(() => true);
  const cpuBefore = await cpuMs(cdp);
  const tasksBefore = await page.evaluate(() => window.chatletBench.longTasks.length);
  await page.mouse.click(point.x, point.y);
  await page
    .waitForFunction(
      (wait) => window.chatletBench.marks.panel && (!wait || window.chatletBench.marks.history),
      withHistory,
      { timeout: 15_000, polling: 100 },
    )
    .catch(() => undefined);
  // Long-task entries arrive after their task; this also counts work deferred past the mark.
  await page.waitForTimeout(300);
  const cpu = (await cpuMs(cdp)) - cpuBefore;
  const state = await page.evaluate(() => ({
    marks: { ...window.chatletBench.marks },
    laidOut: { ...window.chatletBench.laidOut },
    clickAt: window.chatletBench.pointerDownAt,
    longTasks: [...window.chatletBench.longTasks],
  }));
  const since = (mark) => (mark === undefined ? Number.NaN : mark - state.clickAt);
  return {
    inputMs: since(state.marks.panel),
    historyMs: withHistory ? since(state.marks.history) : since(state.marks.panel),
    historyLaidOutMs: withHistory ? since(state.laidOut.history) : since(state.laidOut.panel),
    longestMs: Math.max(0, ...state.longTasks.slice(tasksBefore)),
    cpuMs: cpu,
  };
}

/** One cold-cache visit with `count` stored messages. */
async function visit(browser, origin, count) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript(instrument, {
      launcher: { path: HOST, selector: 'button', name: 'Open chat' },
      panel: { path: HOST, selector: 'textarea, input', name: 'Message', focused: true },
      history:
        count > 0
          ? {
              path: HOST,
              selector: '[role="log"] > :last-child',
              contains: MARKER,
              afterClick: true,
            }
          : undefined,
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    // Seed from a blank page of the same origin first, so storing the history is not counted as
    // the widget's work.
    await page.goto(`${origin}/blank`);
    if (count > 0) {
      await page.evaluate(
        ([key, value]) => localStorage.setItem(key, value),
        [`chatlet:v1:${origin}/chat`, conversation(count)],
      );
    }
    const taskMs = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return 1000 * (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? NaN);
    };
    await page.waitForTimeout(200); // let the blank page's own work finish
    // The counter is read again once the widget's page has committed: the navigation may move the
    // page to a new renderer process, whose counter starts again, so a reading taken on the blank
    // page is no baseline (it made this column negative for the largest seeds).
    // A visit whose loader had already run by then (its script can arrive within milliseconds on
    // loopback) has no baseline and is left out of this column.
    await page.goto(`${origin}/history`, { waitUntil: 'commit' });
    const committedAt = await taskMs();
    const ranBefore = await page.evaluate(() => 'Chatlet' in window);
    await page.waitForLoadState('load');
    await page.waitForTimeout(1000);
    const loadTaskMs = ranBefore ? Number.NaN : (await taskMs()) - committedAt;
    const heapLoaded = await heapMb(cdp);

    const first = await open(page, cdp, count > 0);
    await page.waitForTimeout(300);
    const heapOpen = await heapMb(cdp);

    // Close with Escape (focus is in the panel), then open again from the launcher.
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    await page.evaluate(
      (keys) => window.chatletBenchRearm(keys),
      count > 0 ? ['panel', 'history'] : ['panel'],
    );
    const again = await open(page, cdp, count > 0);
    return { loadTaskMs, heapLoaded, heapOpen, first, again };
  } finally {
    await context.close();
  }
}

/** Runs the history benchmark: `--runs N` visits per history size (default 10). */
export async function run(argv = []) {
  const runs = numberFlag(argv, 'runs', 10);
  if (!existsSync(LOADER)) {
    console.log(`## Long conversations\n\nChatlet: ${NOT_BUILT}\n`);
    return;
  }
  const server = await startServer({ '/dist': DIST });
  server.pages.set('/history', PAGE);
  server.pages.set('/blank', '<!doctype html><title>blank</title><link rel="icon" href="data:,">');
  const sizes = [0, 100, 1000, 5000];
  const browser = await launchChromium();
  const version = browser.version();
  /** @type {Map<number, Array<Awaited<ReturnType<typeof visit>>>>} */
  const results = new Map(sizes.map((size) => [size, []]));
  try {
    for (const size of sizes) await visit(browser, server.origin, size); // warm-up, discarded
    for (let index = 0; index < runs; index += 1) {
      // Rotate the order each run, so no size always comes first (or right after the largest).
      for (let offset = 0; offset < sizes.length; offset += 1) {
        const size = sizes[(index + offset) % sizes.length];
        results.get(size).push(await visit(browser, server.origin, size));
      }
      process.stderr.write(`  history: run ${index + 1}/${runs} done\n`);
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const med = (size, pick) => median(results.get(size).map(pick));
  const spread = (size, pick) => {
    const values = results.get(size).map(pick).filter(Number.isFinite);
    return values.length ? `${fixed(Math.min(...values))}–${fixed(Math.max(...values))}` : 'n/a';
  };
  const empty = {
    open: med(0, (result) => result.first.historyMs),
    again: med(0, (result) => result.again.historyMs),
    heap: med(0, (result) => result.heapOpen),
    load: med(0, (result) => result.loadTaskMs),
    cpu: med(0, (result) => result.first.cpuMs),
    laidOut: med(0, (result) => result.first.historyLaidOutMs),
  };
  console.log(
    `## Long conversations (Chromium ${version}, ${runs} cold-cache runs per size, medians)\n`,
  );
  console.log(
    'Open: pointer press on the launcher → "Message" focused and the newest stored message visible (in the DOM with a box, as the page sees it). In a laid-out frame: the same until the next frame has laid it out (the first report of a ResizeObserver), so work deferred to that frame counts too. Main thread before interaction: task time from the widget page\'s commit to 1 s after its load. Longest task: the longest main-thread task from the press until then (median, and the worst of all runs); 0 means none reached 50 ms. CPU: the main-thread CPU time from the press until 300 ms after the mark (the watchers polling included, the same for every size). Re-open: the same after closing with Escape. Heap: after a forced GC.\n',
  );
  printTable(
    [
      'stored messages',
      'main thread before interaction ms',
      'open → input ready ms',
      'open → history shown ms',
      'min–max',
      '× empty',
      'open → history in a laid-out frame ms',
      '× empty',
      'longest task while opening ms (worst)',
      'main-thread CPU while opening ms',
      '× empty',
      're-open ms',
      '× empty',
      'JS heap open MB',
      'Δ heap vs empty MB',
    ],
    sizes.map((size) => {
      const load = med(size, (result) => result.loadTaskMs);
      const open = med(size, (result) => result.first.historyMs);
      const again = med(size, (result) => result.again.historyMs);
      const heap = med(size, (result) => result.heapOpen);
      const cpu = med(size, (result) => result.first.cpuMs);
      const laidOut = med(size, (result) => result.first.historyLaidOutMs);
      const longest = (result) => Math.max(result.first.longestMs, result.again.longestMs);
      return [
        size === 0 ? '0 (baseline)' : size.toLocaleString('en'),
        fixed(load),
        fixed(med(size, (result) => result.first.inputMs)),
        fixed(open),
        spread(size, (result) => result.first.historyMs),
        ratio(open, empty.open),
        fixed(laidOut),
        ratio(laidOut, empty.laidOut),
        `${fixed(med(size, longest), 0)} (${fixed(Math.max(...results.get(size).map(longest)), 0)})`,
        fixed(cpu),
        ratio(cpu, empty.cpu),
        fixed(again),
        ratio(again, empty.again),
        fixed(heap, 2),
        fixed(heap - empty.heap, 2),
      ];
    }),
  );
}
