import { Builder, Key as Keys, type WebDriver, type WebElement } from 'selenium-webdriver';
import type { Target } from './in-page.ts';
import { FIND_TIMEOUT_MS, type Engine, type Key, type Tab } from './tab.ts';
import { startWebKitDriver, startXvfb } from './webkit-processes.ts';

const KEYS: Record<Key, string> = { Tab: Keys.TAB, Enter: Keys.ENTER, Escape: Keys.ESCAPE };

const MINIBROWSER =
  process.env['MINIBROWSER_PATH'] ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/**
 * One WebDriver window as a {@link Tab}. A WebDriver session drives one window at a time, so each
 * call first switches to its own; the scenarios never drive two tabs at once.
 */
function webDriverTab(driver: WebDriver, handle: string): Tab {
  const here = () => driver.switchTo().window(handle);
  const find = async (target: Target): Promise<WebElement> => {
    await here();
    return driver.executeScript<WebElement>(
      'return window.chatletProbe.find(arguments[0], arguments[1])',
      target,
      FIND_TIMEOUT_MS,
    );
  };
  return {
    async goto(url) {
      await here();
      await driver.get(url);
    },
    async reload() {
      await here();
      await driver.navigate().refresh();
    },
    async evaluate(fn, arg) {
      await here();
      return driver.executeScript(fn, arg);
    },
    click: async (target) => (await find(target)).click(),
    type: async (target, text) => (await find(target)).sendKeys(text),
    async press(key) {
      await here();
      await driver.actions().sendKeys(KEYS[key]).perform();
    },
    async close() {
      await here();
      await driver.close();
    },
  };
}

/**
 * WebKitGTK's MiniBrowser through WebKitWebDriver, under an Xvfb display of its own. One session
 * for the run. It has no user contexts, so a test's storage is its own by origin: every test serves
 * its pages from a new loopback port. Extra tabs are windows, since a hidden WebKit tab is throttled.
 */
export async function webkitEngine(): Promise<Engine> {
  const xvfb = await startXvfb();
  const server = await startWebKitDriver(xvfb.address).catch((error: unknown) => {
    xvfb.stop();
    throw error;
  });
  const driver = await new Builder()
    .usingServer(server.address)
    .withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    })
    .build();
  await driver.manage().setTimeouts({ script: FIND_TIMEOUT_MS * 2 });
  await driver.manage().window().setRect({ width: 1280, height: 720 });
  const first = await driver.getWindowHandle();
  const version = String((await driver.getCapabilities()).get('browserVersion'));
  return {
    version: `WebKit (WebKitGTK ${version})`,
    beginTest: async () => webDriverTab(driver, first),
    async newTab() {
      await driver.switchTo().newWindow('window');
      return webDriverTab(driver, await driver.getWindowHandle());
    },
    async endTest() {
      for (const handle of await driver.getAllWindowHandles()) {
        if (handle === first) continue;
        await driver.switchTo().window(handle);
        await driver.close();
      }
      await driver.switchTo().window(first);
      await driver.get('about:blank');
    },
    async close() {
      await driver.quit().catch(() => {});
      server.stop();
      xvfb.stop();
    },
  };
}
