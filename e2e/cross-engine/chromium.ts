import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { Target } from './in-page.ts';
import { FIND_TIMEOUT_MS, type Engine, type Tab } from './tab.ts';

/** A Playwright page as a {@link Tab}: elements are found by the same in-page probe as elsewhere. */
function playwrightTab(page: Page): Tab {
  const find = async (target: Target) => {
    const handle = await page.evaluateHandle(
      ([wanted, ms]) => window.chatletProbe!.find(wanted, ms),
      [target, FIND_TIMEOUT_MS] as const,
    );
    return handle.asElement()!;
  };
  return {
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    // The tools' own argument types unwrap handles, which the scenarios never pass.
    evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) =>
      page.evaluate(fn as never, arg) as Promise<R>,
    click: async (target) => (await find(target)).click(),
    async type(target, text) {
      await (await find(target)).focus();
      await page.keyboard.type(text);
    },
    press: (key) => page.keyboard.press(key),
    close: () => page.close(),
  };
}

/**
 * Chromium through Playwright, as the rest of the e2e suite drives it: one browser for the run, a
 * fresh context (its own storage) per test.
 */
export async function chromiumEngine(browser: Browser): Promise<Engine> {
  let context: BrowserContext | undefined;
  const open = async (): Promise<Tab> => {
    context ??= await browser.newContext();
    return playwrightTab(await context.newPage());
  };
  return {
    version: `Blink (Chromium ${browser.version()})`,
    beginTest: open,
    newTab: open,
    async endTest() {
      await context?.close();
      context = undefined;
    },
    close: () => browser.close(),
  };
}
