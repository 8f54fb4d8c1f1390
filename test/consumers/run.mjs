// Consumer test: packs Chatlet and installs the tarball into fresh React 19, Vue 3, plain-HTML
// (`<chatlet-widget>` from chatlet/element) and Express 5 apps
// (their dependencies come from the npm registry once, cached in ~/.cache/chatlet-consumers), builds
// the React, Vue and element apps with Vite, serves them all from the Express app — which puts a body parser
// in front of the proxy, as many apps do — and checks each in Chromium: one launcher, a reply, the
// events, that the panel's chunk arrives only on first use, and that unmounting leaves nothing
// behind. With CHATLET_CONSUMERS_NEXT=1 (set by .ci/run; `next build` adds about a minute, and its
// first install some hundred MB) also a Next.js 16 App Router app: `next build`, `next start` on
// loopback behind a forwarding proxy, the route handler of the README. Prints
// `consumers: N passed, N failed`. Run after `npm run build`: `node test/consumers/run.mjs`.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { startNextApp } from './next-app.mjs';

const root = new URL('../../', import.meta.url).pathname;
const apps = new URL('./apps/', import.meta.url).pathname;
const cacheRoot =
  process.env.CHATLET_CONSUMER_CACHE ?? join(homedir(), '.cache', 'chatlet-consumers');
const results = [];

function sh(command, args, cwd) {
  const run = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} in ${cwd} failed:\n${run.stdout}\n${run.stderr}`);
  }
  return run.stdout;
}

/** The app's folder in the cache: installed from the registry once per set of dependencies. */
function prepare(name, tarball) {
  const manifest = readFileSync(join(apps, name, 'package.json'));
  const hash = createHash('sha256').update(manifest).digest('hex').slice(0, 12);
  const dir = join(cacheRoot, `${name}-${hash}`);
  mkdirSync(dir, { recursive: true });
  cpSync(join(apps, name), dir, { recursive: true });
  if (!existsSync(join(dir, 'node_modules'))) {
    console.log(`  installing ${name}'s dependencies from the registry (cached afterwards)…`);
    sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  }
  sh('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', tarball], dir);
  return dir;
}

function viteBuild(dir) {
  sh(
    'node',
    ['node_modules/vite/bin/vite.js', 'build', '--base', './', '--logLevel', 'error'],
    dir,
  );
  return join(dir, 'dist');
}

async function check(name, body) {
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(
      `  ✗ ${name}\n    ${String(error?.stack ?? error)
        .split('\n')
        .slice(0, 6)
        .join('\n    ')}`,
    );
  }
}

function expectEqual(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

const work = mkdtempSync(join(tmpdir(), 'chatlet-consumers-'));
const packed = sh('npm', ['pack', '--silent', '--pack-destination', work], root)
  .trim()
  .split('\n')
  .pop();
const tarball = join(work, packed);
console.log(`consumer apps with ${packed}`);

let server;
let browser;
try {
  const reactDist = viteBuild(prepare('react', tarball));
  const vueDist = viteBuild(prepare('vue', tarball));
  const elementDist = viteBuild(prepare('element', tarball));
  const expressDir = prepare('express', tarball);
  server = spawn('node', ['server.mjs', reactDist, vueDist, elementDist], { cwd: expressDir });
  const origin = await new Promise((resolve, reject) => {
    server.stdout.once('data', (chunk) => resolve(String(chunk).trim()));
    server.stderr.on('data', (chunk) => process.stderr.write(chunk));
    server.once('exit', (code) => reject(new Error(`the Express app exited with ${code}`)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

  async function chat(page, text) {
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByRole('textbox', { name: 'Message' }).fill(text);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText(`Echo: ${text}`).waitFor({ timeout: 10_000 });
  }
  const hosts = (page) => page.evaluate(() => document.querySelectorAll('chatlet-widget').length);

  for (const framework of ['react', 'vue']) {
    await check(
      `${framework}: one launcher, a reply, the events, nothing left after unmount`,
      async () => {
        const page = await browser.newPage();
        const errors = [];
        page.on('pageerror', (error) => errors.push(String(error)));
        // The panel is its own chunk in the app's build (Vite keeps the package's chunk name).
        const panelChunks = [];
        page.on('request', (request) => {
          if (/\/panel-npm-[^/]*\.js$/.test(request.url())) panelChunks.push(request.url());
        });
        await page.goto(`${origin}/${framework}/`);
        await page.getByRole('button', { name: 'Open chat' }).waitFor();
        expectEqual(await hosts(page), 1, 'widget hosts');
        await page.waitForLoadState('networkidle');
        expectEqual(panelChunks, [], 'panel chunk requests before first use');
        await chat(page, `hello ${framework}`);
        expectEqual(panelChunks.length, 1, 'panel chunk requests after first use');
        await checkEventsAndUnmount(page, errors);
        await page.close();
      },
    );
  }

  await check(
    'element: <chatlet-widget> in plain HTML; no panel chunk before use, a live kb-topic, DOM events, nothing left after remove',
    async () => {
      const page = await browser.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      const panelChunks = [];
      page.on('request', (request) => {
        if (/\/panel-npm-[^/]*\.js$/.test(request.url())) panelChunks.push(request.url());
      });
      await page.goto(`${origin}/element/`);
      await page.getByRole('button', { name: 'Open chat' }).waitFor();
      expectEqual(await hosts(page), 1, 'widget hosts');
      await page.waitForLoadState('networkidle');
      expectEqual(panelChunks, [], 'panel chunk requests before first use');
      // Changed before the panel exists: queued, and on the first message's metadata.
      await page.getByRole('button', { name: 'Switch to billing' }).click();
      await chat(page, 'hello element');
      expectEqual(panelChunks.length, 1, 'panel chunk requests after first use');
      expectEqual(
        await page.evaluate(() => window.consumerEvents),
        ['open', 'message:user', 'message:assistant'],
        'DOM events',
      );
      await page.getByRole('button', { name: 'Remove the widget' }).click();
      await page.waitForFunction(() => document.querySelectorAll('chatlet-widget').length === 0);
      expectEqual(errors, [], 'page errors');
      await page.close();
    },
  );

  await check('script tag from the installed package, proxy behind express.json()', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await chat(page, 'hello script tag');
    expectEqual(
      await page.evaluate(() => typeof window.Chatlet?.open),
      'function',
      'window.Chatlet',
    );
    await page.close();
  });

  await check(
    'express: paths under the mount that the proxy does not serve reach the app',
    async () => {
      const response = await fetch(`${origin}/support/not-a-chat-route`);
      expectEqual([response.status, await response.text()], [404, 'app fallback'], 'fallthrough');
    },
  );

  await check('express: one upstream call per visitor message', async () => {
    const calls = await (await fetch(`${origin}/upstream-calls`)).json();
    expectEqual(
      calls,
      ['hello react', 'hello vue', 'hello element', 'hello script tag'],
      'upstream calls',
    );
    const topics = await (await fetch(`${origin}/upstream-topics`)).json();
    expectEqual(
      topics.find(([text]) => text === 'hello element'),
      ['hello element', 'billing'],
      "the element's kb-topic",
    );
  });

  if (process.env.CHATLET_CONSUMERS_NEXT === '1') {
    let next;
    await check(
      'next: next build, next start; one launcher, a reply through the route handler, the events, nothing left after unmount',
      async () => {
        next = await startNextApp(prepare('next', tarball));
        const page = await browser.newPage();
        const errors = [];
        page.on('pageerror', (error) => errors.push(String(error)));
        await page.goto(`${next.origin}/`);
        await page.getByRole('button', { name: 'Open chat' }).waitFor();
        expectEqual(await hosts(page), 1, 'widget hosts');
        await chat(page, 'hello next');
        await checkEventsAndUnmount(page, errors);
        expectEqual(next.upstreamCalls, ['hello next'], 'upstream calls');
        await page.close();
      },
    );
    await next?.stop();
  } else {
    console.log('  - next: skipped (CHATLET_CONSUMERS_NEXT=1 runs it; .ci/run does)');
  }
} catch (error) {
  results.push({ name: 'setup', ok: false });
  console.log(`  ✗ setup\n${error?.stack ?? error}`);
} finally {
  await browser?.close();
  server?.kill();
}

const passed = results.filter((result) => result.ok).length;
console.log(`consumers: ${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);

/**
 * What every component app must show after a chat: the handle's events received in order, the
 * handle reachable by ref, and nothing left of the widget after the app unmounts it.
 * @param {import('@playwright/test').Page} page
 * @param {string[]} errors the page's errors so far
 */
async function checkEventsAndUnmount(page, errors) {
  expectEqual(
    await page.evaluate(() => window.consumerEvents),
    ['open', 'message:user', 'message:assistant'],
    'events',
  );
  expectEqual(
    await page.evaluate(() => typeof window.consumerHandle()?.open),
    'function',
    'handle by ref',
  );
  await page.getByRole('button', { name: 'Unmount' }).click();
  await page.waitForFunction(() => document.querySelectorAll('chatlet-widget').length === 0);
  expectEqual(errors, [], 'page errors');
}
