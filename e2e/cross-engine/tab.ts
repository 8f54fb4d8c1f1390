import type { Target } from './in-page.ts';

/** The keys the scenarios press. */
export type Key = 'Tab' | 'Enter' | 'Escape';

/**
 * One browser tab, as small as the scenarios need: the one interface the Chromium (Playwright),
 * Firefox (WebDriver BiDi) and WebKit (WebDriver) runners implement, so each scenario is written
 * once. Clicks and keys are real input events of the tool, not `element.click()`.
 */
export interface Tab {
  /** Opens `url` and waits for its load event. */
  goto(url: string): Promise<void>;
  /** Reloads and waits for the load event. */
  reload(): Promise<void>;
  /** Runs `fn(arg)` in the page; `arg` and the result must be JSON-serialisable. */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Waits for the one visible element matching `target`, then clicks its centre. */
  click(target: Target): Promise<void>;
  /** Waits for the element, focuses it and types `text` key by key. */
  type(target: Target, text: string): Promise<void>;
  /** Presses `key` in whatever has the focus. */
  press(key: Key): Promise<void>;
  close(): Promise<void>;
}

/** A running browser of one engine: the tabs of one test share its storage. */
export interface Engine {
  /** The engine and its version, e.g. `Gecko (Firefox 153.8.0esr)`. */
  readonly version: string;
  /** The first tab of a test. */
  beginTest(): Promise<Tab>;
  /** Another tab beside it (same storage: BroadcastChannel, Web Locks and storage events link them). */
  newTab(): Promise<Tab>;
  /** Closes the test's tabs; the next test starts with storage of its own. */
  endTest(): Promise<void>;
  close(): Promise<void>;
}

/** How long a tab waits for an element to appear (the scenarios' own waits use expect.poll). */
export const FIND_TIMEOUT_MS = 10_000;
