import type { Page } from '@playwright/test';
import { openHostPage } from './support/host-page.ts';
import { setPageTraps } from './support/page-traps.ts';
import { scriptTag } from './support/pages.ts';
import { expect, test } from './support/reply-upstream.ts';

/**
 * Hostile host pages: the built widget on pages that fight it — the strictest CSP a
 * site can send, global CSS that overrides everything, a transformed body, overlays at the top of
 * the z-index range, and browsers that refuse storage.
 */

const widgetTag = scriptTag({ endpoint: '/chat', title: 'Help' });

/** The strictest CSP we test: nothing inline, nothing foreign, Trusted Types for every script sink. */
const STRICT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; require-trusted-types-for 'script'";

/** Opens the panel with a real click (unless open), sends `text` by typing, awaits the reply. */
async function chat(page: Page, text: string): Promise<void> {
  const launcher = page.getByRole('button', { name: 'Open chat' });
  if ((await launcher.getAttribute('aria-expanded')) !== 'true') await launcher.click();
  await expect(page.getByRole('dialog', { name: 'Help' })).toBeVisible();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  await expect(page.getByRole('log')).toContainText(`Reply to ${text}`);
}

/** Computed styles of the launcher and, when open, the panel and a reply's text. */
async function widgetStyles(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('chatlet-widget')?.shadowRoot;
    const launcher = root?.querySelector('button[part="launcher"]');
    const panel = root?.querySelector('[part="panel"]');
    const reply = root?.querySelector('[role="log"] .assistant .bubble');
    const pick = (element: Element | null | undefined) => {
      if (!element) return undefined;
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      return {
        background: style.backgroundColor,
        color: style.color,
        fontSize: style.fontSize,
        lineHeight: style.lineHeight,
        position: style.position,
        width: Math.round(box.width),
        height: Math.round(box.height),
        right: Math.round(innerWidth - box.right),
        bottom: Math.round(innerHeight - box.bottom),
      };
    };
    return { launcher: pick(launcher), panel: pick(panel), reply: pick(reply) };
  });
}

/**
 * Whether the centre of the widget's `part` (launcher, panel) hits the widget: the page finds the
 * host there and the shadow root finds that part, so nothing of the page lies on top of it.
 */
async function isOnTop(page: Page, part: 'launcher' | 'panel'): Promise<boolean> {
  return page.evaluate((name) => {
    const host = document.querySelector('chatlet-widget');
    const element = host?.shadowRoot?.querySelector(`[part~="${name}"]`);
    if (!host || !element) return false;
    const box = element.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const inner = host.shadowRoot?.elementFromPoint(x, y);
    return document.elementFromPoint(x, y) === host && !!inner && element.contains(inner);
  }, part);
}

/** Console warnings the widget logged. */
const chatletWarnings = (messages: { type: string; text: string }[]): string[] =>
  messages
    .filter((message) => message.type === 'warning' && message.text.startsWith('Chatlet'))
    .map((message) => message.text);

test.describe('a host page with a strict Content-Security-Policy', () => {
  test('the widget is fully styled and chats, without a single CSP violation', async ({
    page,
    replying,
  }) => {
    const traps = await setPageTraps(page);
    await openHostPage(page, replying.url, {
      script: widgetTag,
      headers: { 'content-security-policy': STRICT_CSP },
    });
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await expect(launcher).toBeVisible();
    const closed = await widgetStyles(page);
    expect(closed.launcher).toMatchObject({
      background: 'rgb(31, 95, 191)',
      width: 56,
      height: 56,
      position: 'fixed',
      right: 20,
      bottom: 20,
    });

    await chat(page, 'Hello under CSP');
    const open = await widgetStyles(page);
    expect(open.panel).toMatchObject({ background: 'rgb(255, 255, 255)', position: 'fixed' });
    expect(open.panel?.width).toBeGreaterThan(300);
    expect(open.reply?.fontSize).toBe('15px');

    const report = await traps.report();
    expect(report.violations).toEqual([]);
    expect(report.console.filter((message) => message.type === 'error')).toEqual([]);
    expect(report.pageErrors).toEqual([]);
  });
});

test.describe('the CSP a site owner needs (README)', () => {
  // Styles are constructable stylesheets and CSSOM properties, which style-src does not govern;
  // the widget creates no Trusted Types policy, so even `trusted-types 'none'` holds.
  const MINIMAL_CSP =
    "default-src 'none'; script-src 'self'; connect-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'";

  test('script-src and connect-src alone: styled, chatting, no violation', async ({
    page,
    replying,
  }) => {
    const traps = await setPageTraps(page);
    await openHostPage(page, replying.url, {
      script: widgetTag,
      headers: { 'content-security-policy': MINIMAL_CSP },
    });
    await expect(page.getByRole('button', { name: 'Open chat' })).toBeVisible();
    expect((await widgetStyles(page)).launcher).toMatchObject({
      background: 'rgb(31, 95, 191)',
      width: 56,
    });
    await chat(page, 'Hello under the minimal policy');
    expect((await widgetStyles(page)).panel).toMatchObject({
      background: 'rgb(255, 255, 255)',
      position: 'fixed',
    });
    const report = await traps.report();
    expect(report.violations).toEqual([]);
    expect(report.console.filter((message) => message.type === 'error')).toEqual([]);
    expect(report.pageErrors).toEqual([]);
  });
});

test.describe('a host page with aggressive global CSS', () => {
  const hostileCss = `<style>
    * { all: revert !important; color: red !important; font-size: 30px !important;
        line-height: 0 !important; font-family: "Comic Sans MS", cursive !important;
        letter-spacing: 4px !important; box-sizing: content-box !important; }
    html { font-size: 8px !important; }
    /* A transformed body is the containing block of its position:fixed descendants. */
    body { transform: scale(0.5) rotate(3deg) !important; min-height: 200vh !important; }
    button { background: lime !important; width: 2px !important; }
    #veil { position: fixed; inset: 0; z-index: 2147483647; pointer-events: none; }
    #cover { position: fixed; inset: 0; z-index: 2147482999; background: transparent; }
  </style>`;
  const hostileBody = '<div id="veil"></div><div id="cover"></div>';

  test('the widget stays in the corner, legible, clickable and on top', async ({
    page,
    replying,
  }) => {
    const traps = await setPageTraps(page);
    await openHostPage(page, replying.url, {
      head: hostileCss,
      body: hostileBody,
      script: widgetTag,
    });
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await expect(launcher).toBeVisible();
    expect((await widgetStyles(page)).launcher).toMatchObject({
      width: 56,
      height: 56,
      right: 20,
      bottom: 20,
    });
    expect(await isOnTop(page, 'launcher')).toBe(true);

    // A real click (no force): Playwright checks that the launcher receives it.
    await chat(page, 'Hello through the CSS');
    expect(await isOnTop(page, 'panel')).toBe(true);
    const open = await widgetStyles(page);
    expect(open.reply?.color).not.toBe('rgb(255, 0, 0)');
    expect(open.reply?.fontSize).toBe('15px');
    expect(Number.parseFloat(open.reply?.lineHeight ?? '0')).toBeGreaterThanOrEqual(15);
    expect(open.panel?.width).toBeGreaterThan(300);
    expect((await traps.report()).pageErrors).toEqual([]);
  });
});

test.describe('a browser that refuses storage', () => {
  test('reading localStorage throws: the widget chats, with one warning', async ({
    page,
    replying,
  }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('Access is denied for this document.', 'SecurityError');
        },
      });
    });
    const traps = await setPageTraps(page);
    await openHostPage(page, replying.url, { script: widgetTag });
    await chat(page, 'Hello without localStorage');
    const report = await traps.report();
    expect(chatletWarnings(report.console)).toEqual([
      expect.stringContaining('localStorage is blocked'),
    ]);
    expect(report.pageErrors).toEqual([]);
  });

  test('every write over a few bytes hits the quota: the widget chats, with one warning', async ({
    page,
    replying,
  }) => {
    await page.addInitScript(() => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
        if (value.length > 16) {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        setItem.call(this, key, value);
      };
    });
    const traps = await setPageTraps(page);
    await openHostPage(page, replying.url, { script: widgetTag });
    await chat(page, 'Hello over quota');
    await chat(page, 'And once more');
    const report = await traps.report();
    expect(chatletWarnings(report.console)).toEqual([
      expect.stringContaining('QuotaExceededError'),
    ]);
    expect(report.pageErrors).toEqual([]);
  });

  test('no storage and no BroadcastChannel at all: the widget chats, with one warning', async ({
    page,
    replying,
  }) => {
    await page.addInitScript(() => {
      for (const name of ['localStorage', 'sessionStorage']) {
        Object.defineProperty(window, name, {
          configurable: true,
          get() {
            throw new DOMException('Access is denied for this document.', 'SecurityError');
          },
        });
      }
      Reflect.deleteProperty(window, 'BroadcastChannel');
    });
    const traps = await setPageTraps(page);
    await openHostPage(page, replying.url, { script: widgetTag });
    expect(await page.evaluate(() => 'BroadcastChannel' in window)).toBe(false);
    await chat(page, 'Hello with nothing');
    const report = await traps.report();
    expect(chatletWarnings(report.console)).toEqual([expect.stringContaining('kept in memory')]);
    expect(report.pageErrors).toEqual([]);
  });

  test('BroadcastChannel missing alone: tabs still sync through storage, without a warning', async ({
    page,
    replying,
  }) => {
    await page.context().addInitScript(() => {
      Reflect.deleteProperty(window, 'BroadcastChannel');
    });
    const traps = await setPageTraps(page);
    await openHostPage(page, replying.url, { script: widgetTag });
    const other = await page.context().newPage();
    await openHostPage(other, replying.url, { script: widgetTag });
    await other.getByRole('button', { name: 'Open chat' }).click();

    await chat(page, 'Hello from the first tab');
    await expect(other.getByRole('log')).toContainText('Reply to Hello from the first tab');
    const report = await traps.report();
    expect(chatletWarnings(report.console)).toEqual([]);
    expect(report.pageErrors).toEqual([]);
  });
});
