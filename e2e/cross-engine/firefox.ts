import { launch, type BrowserContext, type ElementHandle, type Page } from 'puppeteer-core';
import type { Target } from './in-page.ts';
import { FIND_TIMEOUT_MS, type Engine, type Tab } from './tab.ts';

/** A puppeteer page over WebDriver BiDi as a {@link Tab}. */
function puppeteerTab(page: Page): Tab {
  const find = async (target: Target): Promise<ElementHandle> => {
    const handle = await page.evaluateHandle(
      (wanted, ms) => window.chatletProbe!.find(wanted, ms),
      target,
      FIND_TIMEOUT_MS,
    );
    return handle as ElementHandle;
  };
  return {
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    reload: async () => void (await page.reload({ waitUntil: 'load' })),
    // The tools' own argument types unwrap handles, which the scenarios never pass.
    evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) =>
      page.evaluate(fn as never, arg) as Promise<R>,
    click: async (target) => (await find(target)).click(),
    type: async (target, text) => (await find(target)).type(text),
    press: (key) => page.keyboard.press(key),
    close: () => page.close(),
  };
}

/**
 * Debian's Firefox ESR through WebDriver BiDi, which puppeteer-core speaks without a separate
 * driver (and without downloading a browser: `executablePath`). One browser for the run, a fresh
 * user context (its own storage) per test.
 */
export async function firefoxEngine(): Promise<Engine> {
  const browser = await launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: process.env['FIREFOX_PATH'] ?? '/usr/bin/firefox-esr',
    headless: true,
    defaultViewport: { width: 1280, height: 720 },
  });
  let context: BrowserContext | undefined;
  const open = async (): Promise<Tab> => {
    context ??= await browser.createBrowserContext();
    return puppeteerTab(await context.newPage());
  };
  return {
    version: `Gecko (${(await browser.version()).replace('firefox/', 'Firefox ')})`,
    beginTest: open,
    newTab: open,
    async endTest() {
      await context?.close();
      context = undefined;
    },
    close: () => browser.close(),
  };
}
