import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { startPageServer, type PageServer } from './support/page-server.ts';
import { expect, startBuiltServer, test, type DemoServer } from './support/servers.ts';
import { consoleErrors } from './support/console-errors.ts';
import { LANGUAGES } from '../src/core/languages.ts';
import { LOCALES } from '../src/ui/all-locales.ts';
import { openChatIn } from '../src/ui/launcher-label.ts';

/**
 * Page, script and proxy on three loopback origins, as a site owner deploys them: the page on its
 * own server, chatlet.js and chatlet-panel.js on a "CDN" that sends no CORS headers unless told
 * to, the proxy (the built demo server) allowing the page's origin.
 */
const DIST = new URL('../dist/', import.meta.url);
const file = (name: string): Buffer => readFileSync(new URL(name, DIST));

interface Cdn {
  origin: string;
  /** Request headers of every request for the panel (with or without its language), in order. */
  panelRequests: IncomingHttpHeaders[];
  /** Paths of the panel files requested, in order. */
  panelPaths: string[];
  teaserRequests: IncomingHttpHeaders[];
  /** Request headers of every request for chatlet-integrity.js, which only a pinned page needs. */
  integrityRequests: IncomingHttpHeaders[];
  /** Paths of the language files requested, in order. */
  languageRequests: string[];
  close(): Promise<void>;
}

/**
 * `charset: false`: scripts are served as `text/javascript` with no charset, as some servers do.
 * `english`: what is served as chatlet-en.js.
 */
async function startCdn(
  options: {
    cors?: boolean;
    panel?: Buffer;
    english?: Buffer;
    charset?: boolean;
  } = {},
): Promise<Cdn> {
  const panelRequests: IncomingHttpHeaders[] = [];
  const teaserRequests: IncomingHttpHeaders[] = [];
  const integrityRequests: IncomingHttpHeaders[] = [];
  const languageRequests: string[] = [];
  const panelPaths: string[] = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://cdn.test').pathname;
    // The loader, the panel alone and with each language, the teaser, the language files and
    // their hashes, side by side.
    const body =
      path === '/chatlet.js' || path === '/chatlet-teaser.js' || path === '/chatlet-integrity.js'
        ? file(path.slice(1))
        : path === '/chatlet-panel.js'
          ? (options.panel ?? file('chatlet-panel.js'))
          : path === '/chatlet-en.js' && options.english
            ? options.english
            : /^\/chatlet-(panel-)?[a-z]{2}\.js$/.test(path)
              ? file(path.slice(1))
              : undefined;
    if (/^\/chatlet-panel(-[a-z]{2})?\.js$/.test(path)) {
      panelRequests.push(req.headers);
      panelPaths.push(path);
    }
    if (path === '/chatlet-teaser.js') teaserRequests.push(req.headers);
    if (path === '/chatlet-integrity.js') integrityRequests.push(req.headers);
    if (/^\/chatlet-[a-z]{2}\.js$/.test(path)) languageRequests.push(path);
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type':
        options.charset === false ? 'text/javascript' : 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=600',
      ...(options.cors ? { 'access-control-allow-origin': '*' } : {}),
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const cdn: Cdn = {
    origin: `http://127.0.0.1:${port}`,
    panelRequests,
    panelPaths,
    teaserRequests,
    integrityRequests,
    languageRequests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return cdn;
}

let pages: PageServer;
let proxy: DemoServer;

test.beforeAll(async () => {
  pages = await startPageServer();
  proxy = await startBuiltServer({ CHATLET_ALLOWED_ORIGINS: pages.origin }, () => {});
});
test.afterAll(async () => {
  await proxy.close();
  await pages.close();
});

/** Opens a page on the page origin whose script tag loads the loader from `cdn`. */
async function openPage(page: Page, cdn: Cdn, attributes: string): Promise<string[]> {
  const errors = consoleErrors(page);
  const endpoint = new URL('/chat', proxy.url).href;
  const url = pages.serve(`/page-${Math.random().toString(36).slice(2)}.html`, {
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><link rel="icon" href="data:,"></head>
<body><main><h1>Shop</h1></main>
<script src="${cdn.origin}/chatlet.js?v=1" async data-endpoint="${endpoint}" ${attributes}></script>
</body></html>`,
  });
  await page.goto(url, { waitUntil: 'load' });
  return errors;
}

const sri = (bytes: Buffer): string =>
  `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

test.describe('loading from another origin (built bundle)', () => {
  test('from a CDN without CORS headers: the panel loads, and the chat works across three origins', async ({
    page,
  }) => {
    const cdn = await startCdn();
    try {
      const errors = await openPage(
        page,
        cdn,
        'data-title="Help" data-teaser="Need help?" data-teaser-delay-ms="0"',
      );
      await expect(page.getByRole('button', { name: 'Need help?' })).toBeVisible();
      const launcher = page.getByRole('button', { name: 'Open chat' });
      await launcher.click();
      const box = page.getByRole('textbox', { name: 'Message' });
      await expect(box).toBeFocused();
      await box.fill('What are your opening hours?');
      await box.press('Enter');
      await expect(page.getByRole('log').locator('[part~="message"]')).toHaveCount(2, {
        timeout: 15_000,
      });
      expect(errors).toEqual([]);
      // A classic script: fetched without CORS (a module import would have been refused here).
      expect(cdn.panelRequests.at(-1)?.['sec-fetch-mode']).toBe('no-cors');
      expect(cdn.teaserRequests.at(-1)?.['sec-fetch-mode']).toBe('no-cors');
    } finally {
      await cdn.close();
    }
  });

  test('an untouched visit neither fetches nor runs the panel; a hover does', async ({ page }) => {
    const cdn = await startCdn();
    try {
      await openPage(page, cdn, '');
      await page.waitForLoadState('load');
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
      expect(cdn.panelRequests).toHaveLength(0);
      // Nor the teaser's drawing, on a page without a teaser.
      expect(cdn.teaserRequests).toHaveLength(0);
      const panelRan = (): Promise<boolean> =>
        page.evaluate(
          () =>
            (document.querySelector('chatlet-widget')?.shadowRoot?.adoptedStyleSheets.length ?? 0) >
            1,
        );
      // Nothing of the panel has run: the shadow root holds only the launcher's stylesheet.
      expect(await panelRan()).toBe(false);
      await page.getByRole('button', { name: 'Open chat' }).hover();
      await expect.poll(panelRan).toBe(true);
    } finally {
      await cdn.close();
    }
  });

  test('an untouched visit throws nothing, not even an exception it catches', async ({ page }) => {
    // A caught exception still costs the page its stack trace: ~3 ms of script per page view in
    // Chromium under DevTools, which is how the loader's `data-strings` check once cost every page.
    const cdn = await startCdn();
    const cdp = await page.context().newCDPSession(page);
    const thrown: string[] = [];
    // A frame's own url may be empty (a script inserted from another origin): its script's is not.
    const scripts = new Map<string, string>();
    cdp.on('Debugger.scriptParsed', (script) => scripts.set(script.scriptId, script.url));
    cdp.on('Debugger.paused', (event) => {
      const frame = event.callFrames[0];
      const where = frame?.url || scripts.get(frame?.location.scriptId ?? '') || '';
      if (where.includes('chatlet')) {
        thrown.push(
          `${String(event.data?.['description'] ?? event.reason).split('\n')[0]} in ${where}`,
        );
      }
      void cdp.send('Debugger.resume');
    });
    await cdp.send('Debugger.enable');
    await cdp.send('Debugger.setPauseOnExceptions', { state: 'all' });
    try {
      await openPage(page, cdn, '');
      await page.waitForLoadState('load');
      await expect(page.getByRole('button', { name: 'Open chat' })).toBeVisible();
      expect(thrown).toEqual([]);
    } finally {
      await cdp.detach();
      await cdn.close();
    }
  });

  test('unpinned, the panel and its language come in one file: no language file, no preload', async ({
    page,
  }) => {
    const cdn = await startCdn();
    try {
      const errors = await openPage(page, cdn, 'data-lang="de"');
      await page.getByRole('button', { name: 'Chat öffnen' }).click();
      await expect(page.getByRole('textbox', { name: 'Nachricht' })).toBeFocused();
      expect(cdn.panelPaths).toEqual(['/chatlet-panel-de.js']);
      expect(cdn.languageRequests).toEqual([]);
      // Nothing is left in the page's <head>.
      await expect(
        page.locator('head link[rel*="preload"], head script[src*="chatlet"]'),
      ).toHaveCount(0);
      // A widget made again after destroy() takes the strings it already has.
      await page.evaluate(() => window.Chatlet?.destroy());
      await page.evaluate(
        (src) =>
          new Promise((resolve) => {
            const script = Object.assign(document.createElement('script'), { src });
            script.dataset['endpoint'] = document
              .querySelector('script[data-endpoint]')!
              .getAttribute('data-endpoint')!;
            script.dataset['lang'] = 'de';
            script.addEventListener('load', resolve);
            document.body.append(script);
          }),
        `${cdn.origin}/chatlet.js?v=2`,
      );
      await page.getByRole('button', { name: 'Chat öffnen' }).click();
      await expect(page.getByRole('textbox', { name: 'Nachricht' })).toBeFocused();
      expect(cdn.panelPaths).toEqual(['/chatlet-panel-de.js']);
      expect(cdn.languageRequests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await cdn.close();
    }
  });

  test('with integrity on the tag, the panel and the teaser are pinned by their hashes and fetched with CORS', async ({
    page,
  }) => {
    const cdn = await startCdn({ cors: true });
    try {
      const errors = await openPage(
        page,
        cdn,
        `integrity="${sri(file('chatlet.js'))}" crossorigin="anonymous" data-teaser="Need help?" data-teaser-delay-ms="0"`,
      );
      // The teaser's drawing, a file of its own, passed its integrity check and ran.
      await expect(page.getByRole('button', { name: 'Need help?' })).toBeVisible();
      expect(cdn.teaserRequests.at(-1)?.['sec-fetch-mode']).toBe('cors');
      const teaserScript = await page.evaluate(() =>
        [...document.scripts].some((script) => script.src.includes('chatlet-teaser.js')),
      );
      // Removed once it ran, as the panel's script is.
      expect(teaserScript).toBe(false);
      await page.getByRole('button', { name: 'Open chat' }).click();
      await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
      expect(cdn.panelRequests.at(-1)?.['sec-fetch-mode']).toBe('cors');
      // Pinned, the panel alone (its hash is in the loader) and the language file on its own.
      expect(cdn.panelPaths).toEqual(['/chatlet-panel.js']);
      // The language file's hash came from chatlet-integrity.js, itself pinned and fetched with CORS.
      expect(cdn.integrityRequests.map((headers) => headers['sec-fetch-mode'])).toEqual(['cors']);
      expect(cdn.languageRequests).toEqual(['/chatlet-en.js']);
      expect(errors).toEqual([]);
    } finally {
      await cdn.close();
    }
  });

  test('a tampered language file is refused when the tag is pinned: said once by the browser and once by Chatlet, nothing of it runs, no panel', async ({
    page,
  }) => {
    const tampered = Buffer.concat([file('chatlet-en.js'), Buffer.from(';window.tampered=1;')]);
    const cdn = await startCdn({ cors: true, english: tampered });
    try {
      const errors = await openPage(
        page,
        cdn,
        `integrity="${sri(file('chatlet.js'))}" crossorigin="anonymous"`,
      );
      await page.getByRole('button', { name: 'Open chat' }).click();
      // The browser refuses it against the hash chatlet-integrity.js holds and says so; the widget
      // adds its one line naming the file and what to serve.
      const aboutFile = (): string[] => errors.filter((text) => text.includes('chatlet-en.js'));
      await expect.poll(() => aboutFile().length).toBe(2);
      expect(aboutFile()).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^(?!Chatlet:).*integrity/),
          expect.stringMatching(/^Chatlet: could not load \S+chatlet-en\.js.*integrity check/),
        ]),
      );
      expect(await page.evaluate(() => 'tampered' in window)).toBe(false);
      await expect(page.getByRole('dialog')).toHaveCount(0);
    } finally {
      await cdn.close();
    }
  });

  test('a tampered panel is refused: one Chatlet error, nothing of it runs', async ({ page }) => {
    const tampered = Buffer.concat([file('chatlet-panel.js'), Buffer.from(';window.tampered=1;')]);
    const cdn = await startCdn({ cors: true, panel: tampered });
    try {
      const errors = await openPage(
        page,
        cdn,
        `integrity="${sri(file('chatlet.js'))}" crossorigin="anonymous"`,
      );
      const launcher = page.getByRole('button', { name: 'Open chat' });
      await launcher.hover();
      await launcher.click();
      await expect.poll(() => errors.filter((text) => text.startsWith('Chatlet:'))).toHaveLength(1);
      const [chatletError] = errors.filter((text) => text.startsWith('Chatlet:'));
      expect(chatletError).toContain('chatlet-panel.js');
      expect(chatletError).toContain('integrity');
      expect(await page.evaluate(() => 'tampered' in window)).toBe(false);
      await expect(page.getByRole('dialog')).toHaveCount(0);
    } finally {
      await cdn.close();
    }
  });

  test('on a windows-1252 page, from a CDN that names no charset, every language file reads right', async ({
    page,
  }) => {
    // A classic script without a charset is decoded in the page's encoding: a language file (or a
    // panel with its language) in UTF-8 carries a byte order mark (vite.config.ts), the others are
    // ASCII with escapes. Unpinned, each language's panel file; pinned, the panel and the language
    // file on its own (for the languages written in UTF-8 and one in ASCII).
    const cdn = await startCdn({ charset: false, cors: true });
    const pinned = `integrity="${sri(file('chatlet.js'))}" crossorigin="anonymous"`;
    try {
      const endpoint = new URL('/chat', proxy.url).href;
      const visits = [
        ...LANGUAGES.map((lang) => ({ lang, pin: '' })),
        ...(['ar', 'he', 'de'] as const).map((lang) => ({ lang, pin: pinned })),
      ];
      for (const { lang, pin } of visits) {
        const url = pages.serve(`/legacy-${lang}${pin ? '-pinned' : ''}.html`, {
          headers: { 'content-type': 'text/html; charset=windows-1252' },
          html: `<!doctype html><html lang="en"><head><meta charset="windows-1252"><title>Shop</title><link rel="icon" href="data:,"></head>
<body><main><h1>Shop</h1></main>
<script src="${cdn.origin}/chatlet.js" async data-endpoint="${endpoint}" data-lang="${lang}" ${pin}></script>
</body></html>`,
        });
        await page.goto(url, { waitUntil: 'load' });
        await page.getByRole('button', { name: openChatIn(lang) }).click();
        await expect(page.getByRole('textbox', { name: LOCALES[lang].message })).toBeFocused();
        await expect(page.getByRole('textbox')).toHaveAttribute(
          'placeholder',
          LOCALES[lang].placeholder,
        );
        await expect(page.getByRole('button', { name: LOCALES[lang].closeChat })).toBeVisible();
      }
      expect(cdn.languageRequests).toEqual(['/chatlet-ar.js', '/chatlet-he.js', '/chatlet-de.js']);
    } finally {
      await cdn.close();
    }
  });
});

test.describe('config errors the browser checks (built bundle)', () => {
  for (const color of ['notacolor', '#12345']) {
    test(`data-primary-color="${color}": one error naming it, nothing rendered`, async ({
      page,
    }) => {
      const cdn = await startCdn();
      try {
        const errors = await openPage(page, cdn, `data-primary-color="${color}"`);
        await expect.poll(() => errors).toHaveLength(1);
        expect(errors[0]).toContain(`Invalid data-primary-color "${color}"`);
        await expect(page.locator('chatlet-widget')).toHaveCount(0);
      } finally {
        await cdn.close();
      }
    });
  }
});

test.describe('a page whose origin the proxy refuses (built bundle)', () => {
  test('one console error names the origin and CHATLET_ALLOWED_ORIGINS; no upstream call', async ({
    page,
  }) => {
    const cdn = await startCdn();
    const strict = await startBuiltServer(
      { CHATLET_ALLOWED_ORIGINS: 'https://shop.example' },
      () => {},
    );
    try {
      const errors = consoleErrors(page);
      const url = pages.serve('/refused.html', {
        html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><link rel="icon" href="data:,"></head>
<body><script src="${cdn.origin}/chatlet.js" async data-endpoint="${new URL('/chat', strict.url).href}"></script></body></html>`,
      });
      await page.goto(url);
      await page.getByRole('button', { name: 'Open chat' }).click();
      const box = page.getByRole('textbox', { name: 'Message' });
      await box.fill('Hello');
      await box.press('Enter');
      await box.fill('Hello again');
      await box.press('Enter');
      await expect
        .poll(() => errors.filter((text) => text.startsWith('Chatlet:')), {
          message: errors.join('\n'),
        })
        .toHaveLength(1);
      const [line] = errors.filter((text) => text.startsWith('Chatlet:'));
      expect(line).toContain(pages.origin);
      expect(line).toContain('CHATLET_ALLOWED_ORIGINS');
    } finally {
      await strict.close();
      await cdn.close();
    }
  });
});
