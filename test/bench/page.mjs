// Benchmark 2: what embedding the widget costs the host page, in Chromium with a cold
// cache (a new browser context per run). Every page is the same plain article; only the widget's
// snippet differs. Figures are medians over the runs, and ratios to the page without a widget
// measured in the same run — never absolute budgets.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOADER, DIST, NOT_BUILT } from './lib/chatlet.mjs';
import { launchChromium } from './lib/browser.mjs';
import { instrument } from './lib/instrument.mjs';
import { PEERS, ensurePeers } from './lib/peers.mjs';
import { startServer } from './lib/server.mjs';
import { fixed, kb, median, numberFlag, printTable, ratio } from './lib/table.mjs';

/** @typedef {import('./lib/instrument.mjs').Target} Target */

/**
 * How each widget's launcher (or, for inline widgets, its message input) and its ready panel are
 * found. The panel is "ready" when its text input is visible; for Chatlet it must also be focused
 * and be the textbox named "Message".
 * @type {Record<string, { launcher?: Target, panel?: Target, visible: string }>}
 */
const DETECT = {
  chatlet: {
    launcher: { path: ['chatlet-widget'], selector: 'button', name: 'Open chat' },
    panel: {
      path: ['chatlet-widget'],
      selector: 'textarea, input',
      name: 'Message',
      focused: true,
    },
    visible: 'button "Open chat" in the shadow root of <chatlet-widget>',
  },
  'deep-chat': {
    launcher: { path: ['deep-chat'], selector: '#text-input' },
    visible: 'inline: its #text-input in the shadow root of <deep-chat>',
  },
  '@nlux/core': {
    launcher: { path: [], selector: '#nlux-chat textarea' },
    visible: 'inline: its textarea inside the mount element',
  },
  '@typebot.io/js': {
    launcher: { path: ['typebot-bubble'], selector: 'button' },
    panel: { path: ['typebot-bubble'], selector: 'input, textarea' },
    visible: 'the button in the shadow root of <typebot-bubble>',
  },
  'flowise-embed': {
    launcher: { path: ['flowise-chatbot'], selector: 'button' },
    panel: { path: ['flowise-chatbot'], selector: 'textarea, input' },
    visible: 'the button in the shadow root of <flowise-chatbot>',
  },
  '@n8n/chat': {
    launcher: { path: [], selector: '.chat-window-toggle' },
    panel: { path: [], selector: '.chat-window textarea' },
    visible: 'the .chat-window-toggle button (light DOM)',
  },
  '@voiceflow/react-chat': {
    launcher: { path: ['#voiceflow-chat'], selector: 'button' },
    panel: { path: ['#voiceflow-chat'], selector: 'textarea, input' },
    visible: 'a button in the shadow root of #voiceflow-chat',
  },
};

/** The host page: a plain article, the same bytes for every widget but the snippet. */
function hostPage(snippet) {
  const paragraph =
    '<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host page</title>
<link rel="icon" href="data:,">
<style>body { font: 16px/1.6 system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; }</style>
</head>
<body>
<h1>A page that embeds a chat widget</h1>
${paragraph.repeat(12)}
${snippet}
</body>
</html>`;
}

/**
 * One cold-cache visit: load, wait a fixed window, read the metrics, then click the launcher and
 * time the panel.
 * @param {import('@playwright/test').Browser} browser
 * @param {string} url
 * @param {(typeof DETECT)[string] | undefined} detect
 * @param {number} settleMs
 * @param {string | undefined} script  the path of the widget's main script, to time from its arrival
 * @param {number} [hoverMs]  rest the pointer on the launcher this long before pressing it (0: move
 *   and press at once, as a tap does)
 */
async function visit(browser, url, detect, settleMs, script, hoverMs = 0) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript(instrument, {
      launcher: detect?.launcher,
      panel: detect?.panel,
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('Network.enable');
    let phase = 'load';
    /** @type {Map<string, { url: string, phase: string }>} */
    const requests = new Map();
    const bytes = { load: 0, click: 0 };
    cdp.on('Network.requestWillBeSent', (event) =>
      requests.set(event.requestId, { url: event.request.url, phase }),
    );
    cdp.on('Network.loadingFinished', (event) => {
      const request = requests.get(event.requestId);
      if (request) bytes[request.phase] += event.encodedDataLength;
    });

    // Generous: the server brotli-compresses each file on its first request (seconds for the
    // largest peers on a loaded machine), which the discarded warm-up round absorbs.
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    // A fixed window after the load event, with nothing of ours running in the page meanwhile
    // (no polling), so the CPU figures hold only the page, the widget and the tiny watcher.
    await page.waitForTimeout(settleMs);
    const metrics = Object.fromEntries(
      (await cdp.send('Performance.getMetrics')).metrics.map((metric) => [
        metric.name,
        metric.value,
      ]),
    );
    const before = await page.evaluate(
      (path) => ({
        longTasks: [...window.chatletBench.longTasks],
        cls: window.chatletBench.cls,
        launcherAt: window.chatletBench.marks.launcher,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        scriptAt: path
          ? performance
              .getEntriesByType('resource')
              .find((entry) => new URL(entry.name).pathname === path)?.responseEnd
          : undefined,
      }),
      script,
    );
    const loadRequests = [...requests.values()].filter((request) => request.phase === 'load');

    const result = {
      taskMs: metrics.TaskDuration * 1000,
      // CPU time of the renderer's main thread: less inflated than TaskDuration (wall time of its
      // tasks) when other processes take the cores away mid-task, as on a shared machine.
      cpuMs: metrics.ThreadTime * 1000,
      scriptMs: metrics.ScriptDuration * 1000,
      heapMb: metrics.JSHeapUsedSize / 1e6,
      longTaskCount: before.longTasks.length,
      longTaskMs: before.longTasks.reduce((sum, duration) => sum + duration, 0),
      longestTaskMs: Math.max(0, ...before.longTasks),
      cls: before.cls,
      bytes: bytes.load,
      requests: loadRequests.map((request) => request.url),
      launcherAt: before.launcherAt ?? Number.NaN,
      fcp: before.fcp ?? Number.NaN,
      afterScriptMs: (before.launcherAt ?? Number.NaN) - (before.scriptAt ?? Number.NaN),
      clickToPanelMs: Number.NaN,
      clickToLaidOutMs: Number.NaN,
      openLongTaskMs: Number.NaN,
      clickRequests: /** @type {string[]} */ ([]),
      panelFocusedMessage: undefined,
    };

    if (detect?.panel && before.launcherAt !== undefined) {
      const point = await page.evaluate(() => window.chatletBenchRect('launcher'));
      if (point) {
        phase = 'click';
        // waitForFunction injects Playwright's helper script into the page the first time (17-24 ms
        // of main-thread work in traces): done here, before the press, it is not counted as the
        // widget's opening time.
        await page.waitForFunction(() => true);
        if (hoverMs > 0) {
          await page.mouse.move(point.x, point.y);
          await page.waitForTimeout(hoverMs);
        }
        await page.mouse.click(point.x, point.y);
        const ready = await page
          .waitForFunction(() => window.chatletBench.laidOut.panel !== undefined, null, {
            timeout: 5000,
            polling: 100,
          })
          .then(() => true)
          .catch(() => false);
        const after = await page.evaluate(() => ({
          panelAt: window.chatletBench.marks.panel,
          laidOutAt: window.chatletBench.laidOut.panel,
          clickAt: window.chatletBench.pointerDownAt,
          longTasks: [...window.chatletBench.longTasks],
        }));
        if (ready && after.panelAt !== undefined && after.clickAt !== undefined) {
          result.clickToPanelMs = after.panelAt - after.clickAt;
          result.clickToLaidOutMs = after.laidOutAt - after.clickAt;
        }
        result.openLongTaskMs = after.longTasks
          .slice(before.longTasks.length)
          .reduce((sum, duration) => sum + duration, 0);
        result.clickRequests = [...requests.values()]
          .filter((request) => request.phase === 'click')
          .map((request) => request.url);
      }
    }
    return result;
  } finally {
    await context.close();
  }
}

/** Paths (origin stripped) with how often each was requested, for the Chatlet detail table. */
function countPaths(lists, origin) {
  const counts = new Map();
  for (const list of lists) {
    for (const url of list) {
      const path = url.startsWith(origin) ? url.slice(origin.length) : url;
      counts.set(path, (counts.get(path) ?? 0) + 1);
    }
  }
  return [...counts].map(([path, count]) => `${path} ×${count / lists.length}`).join(', ') || '—';
}

/** Runs the page benchmark: `--runs N` (default 15) visits per page, `--settle MS` (default 2000). */
export async function run(argv = []) {
  const runs = numberFlag(argv, 'runs', 15);
  const settleMs = numberFlag(argv, 'settle', 2000);
  const modules = ensurePeers();
  // The cost of any script at all: one async script of one statement. A page's first script
  // pays for the page's JavaScript context and a script fetch, whatever the script does.
  const floor = mkdtempSync(join(tmpdir(), 'chatlet-bench-floor-'));
  writeFileSync(join(floor, 'empty.js'), '0;\n');
  const server = await startServer({ '/dist': DIST, '/peers': modules, '/floor': floor });
  const endpoint = `${server.origin}/chat`;

  /**
   * `id` names the served page, `key` the row (two rows may load the same page).
   * @type {Array<{ id: string, key?: string, label: string, detect?: (typeof DETECT)[string], script?: string, hoverMs?: number }>}
   */
  const pages = [
    { id: 'bare', label: 'no widget (baseline)' },
    { id: 'any-script', label: 'any script: one empty async script (the floor)' },
  ];
  server.pages.set('/bare', hostPage(''));
  server.pages.set('/any-script', hostPage('<script src="/floor/empty.js" async></script>'));
  const chatletBuilt = existsSync(LOADER);
  if (chatletBuilt) {
    pages.push({
      id: 'chatlet',
      label: 'Chatlet',
      detect: DETECT.chatlet,
      script: '/dist/chatlet.js',
    });
    // No "loader alone" row any more: the loader fetches nothing before the visitor points at the
    // launcher, so the untouched visit as shipped is the loader alone.
    // Chatlet loads its panel when the pointer reaches the launcher: a visitor's pointer usually
    // rests there a moment before the press, which the row above (move and press at once) leaves out.
    pages.push({
      id: 'chatlet',
      key: 'chatlet-hover',
      label: 'Chatlet, pointer on the launcher 300 ms before the press',
      detect: DETECT.chatlet,
      script: '/dist/chatlet.js',
      hoverMs: 300,
    });
    server.pages.set(
      '/chatlet',
      hostPage('<script src="/dist/chatlet.js" async data-endpoint="/chat"></script>'),
    );
  }
  for (const peer of PEERS) {
    if (!peer.embed) continue;
    const id = peer.name.replace(/[^a-z0-9]+/gi, '-');
    pages.push({
      id,
      label: `${peer.name} ${peer.version}`,
      detect: DETECT[peer.name],
      script: `/peers/${peer.files[0]}`,
    });
    server.pages.set(`/${id}`, hostPage(peer.embed('/peers', endpoint)));
  }

  const browser = await launchChromium();
  const version = browser.version();
  /** @type {Map<string, Awaited<ReturnType<typeof visit>>[]>} */
  for (const page of pages) page.key ??= page.id;
  const results = new Map(pages.map((page) => [page.key, []]));
  try {
    console.log(
      `## Host-page cost (Chromium ${version}, ${runs} cold-cache runs per page, medians)\n`,
    );
    // One discarded warm-up round: the server compresses each file on its first request (brotli
    // at quality 11 takes seconds for the largest peers), which must not count as page time.
    for (const page of pages)
      await visit(
        browser,
        `${server.origin}/${page.id}`,
        page.detect,
        0,
        page.script,
        page.hoverMs,
      );
    for (let index = 0; index < runs; index += 1) {
      // Rotate the order each run, so no page always runs first (or right after a heavy one).
      for (let offset = 0; offset < pages.length; offset += 1) {
        const page = pages[(index + offset) % pages.length];
        const url = `${server.origin}/${page.id}`;
        results
          .get(page.key)
          .push(await visit(browser, url, page.detect, settleMs, page.script, page.hoverMs));
      }
      process.stderr.write(`  page: run ${index + 1}/${runs} done\n`);
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(floor, { recursive: true, force: true });
  }

  const med = (id, key) => median(results.get(id).map((result) => result[key]));
  const base = {
    cpu: med('bare', 'taskMs'),
    thread: med('bare', 'cpuMs'),
    bytes: med('bare', 'bytes'),
    heap: med('bare', 'heapMb'),
  };
  /** The smallest and largest of the runs: how noisy the shared machine was for that page. */
  const spread = (id, key) => {
    const values = results.get(id).map((result) => result[key]);
    return `${fixed(Math.min(...values))}–${fixed(Math.max(...values))}`;
  };
  const found = (id) =>
    results.get(id).filter((result) => Number.isFinite(result.launcherAt)).length;

  console.log(
    `Before interaction: from navigation to ${settleMs} ms after the load event; the visitor never clicks.\n`,
  );
  printTable(
    [
      'page',
      'main thread ms (Task)',
      'min–max',
      '× bare',
      'main-thread CPU ms',
      '× bare',
      'of which Script ms',
      'long tasks',
      'long-task ms (longest)',
      'CLS',
      'transferred',
      '× bare',
      'requests (incl. page)',
      'JS heap MB',
      '× bare',
      'FCP ms',
      'visible at ms (found)',
      'visible − script arrived ms',
    ],
    pages.map(({ key: id, label }) => [
      label,
      fixed(med(id, 'taskMs')),
      spread(id, 'taskMs'),
      ratio(med(id, 'taskMs'), base.cpu),
      fixed(med(id, 'cpuMs')),
      ratio(med(id, 'cpuMs'), base.thread),
      fixed(med(id, 'scriptMs')),
      fixed(med(id, 'longTaskCount'), 0),
      `${fixed(med(id, 'longTaskMs'), 0)} (${fixed(med(id, 'longestTaskMs'), 0)})`,
      fixed(med(id, 'cls'), 3),
      kb(med(id, 'bytes')),
      ratio(med(id, 'bytes'), base.bytes),
      fixed(median(results.get(id).map((result) => result.requests.length)), 0),
      fixed(med(id, 'heapMb'), 2),
      ratio(med(id, 'heapMb'), base.heap),
      fixed(med(id, 'fcp'), 0),
      id === 'bare' ? '—' : `${fixed(med(id, 'launcherAt'), 0)} (${found(id)}/${runs})`,
      id === 'bare' ? '—' : fixed(med(id, 'afterScriptMs'), 0),
    ]),
  );

  console.log(
    'Opening: click on the launcher → panel input visible (Chatlet: focused "Message"); laid-out frame: until the next frame has laid it out (the first report of a ResizeObserver).\n',
  );
  printTable(
    [
      'page',
      'click → panel ready ms',
      'min–max',
      'click → laid-out frame ms',
      'opened (runs)',
      'long-task ms while opening',
      'requests on click',
    ],
    pages
      .filter(({ detect }) => detect?.panel)
      .map(({ key: id, label }) => {
        const opened = results.get(id).filter((result) => Number.isFinite(result.clickToPanelMs));
        const times = opened.map((result) => result.clickToPanelMs);
        return [
          label,
          fixed(med(id, 'clickToPanelMs')),
          times.length > 0 ? `${fixed(Math.min(...times))}–${fixed(Math.max(...times))}` : 'n/a',
          fixed(med(id, 'clickToLaidOutMs')),
          `${opened.length}/${runs}`,
          fixed(med(id, 'openLongTaskMs'), 0),
          fixed(median(results.get(id).map((result) => result.clickRequests.length)), 0),
        ];
      }),
  );

  if (chatletBuilt) {
    const chatlet = results.get('chatlet');
    console.log('Chatlet requests (per run, averaged over the runs):\n');
    printTable(
      ['when', 'requests'],
      [
        [
          'before interaction',
          countPaths(
            chatlet.map((result) => result.requests),
            server.origin,
          ),
        ],
        [
          'on click',
          countPaths(
            chatlet.map((result) => result.clickRequests),
            server.origin,
          ),
        ],
      ],
    );
  } else {
    console.log(`Chatlet: ${NOT_BUILT}\n`);
  }
  console.log("How the launcher (or an inline widget's input) is detected:");
  for (const { label, detect } of pages) if (detect) console.log(`- ${label}: ${detect.visible}`);
  console.log('');
}
