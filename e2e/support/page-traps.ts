import type { Page } from '@playwright/test';

/** What a page did that a test may forbid or count. */
export interface PageTrapReport {
  /** `alert`/`confirm`/`prompt`/`print` calls, as `name(args)`, from the page's own globals. */
  pwned: string[];
  /** `securitypolicyviolation` events, as `directive blocked-uri`. */
  violations: string[];
  /** Dialogs the browser opened despite the traps. */
  dialogs: string[];
  /** Uncaught exceptions and unhandled rejections. */
  pageErrors: string[];
  /** Console messages by type (`error`, `warning`, …). */
  console: { type: string; text: string }[];
  /** Every URL the page requested, in order. */
  requests: string[];
}

/**
 * Sets traps before any page script runs: `alert`, `confirm`, `prompt` and `print` record their
 * calls in `window.chatletTrapCalls` instead of opening anything, and every
 * `securitypolicyviolation` (in the document and in shadow roots, which retarget it to the
 * document) lands in `window.chatletTrapViolations`. Also records dialogs, page errors, console
 * messages and requests.
 * Call before the first navigation; `report()` reads everything so far.
 */
export async function setPageTraps(page: Page): Promise<{ report(): Promise<PageTrapReport> }> {
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const messages: { type: string; text: string }[] = [];
  const requests: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => messages.push({ type: message.type(), text: message.text() }));
  page.on('request', (request) => requests.push(request.url()));
  await page.addInitScript(() => {
    const pwned: string[] = [];
    const violations: string[] = [];
    Object.assign(window, { chatletTrapCalls: pwned, chatletTrapViolations: violations });
    for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
      Object.defineProperty(window, name, {
        configurable: false,
        writable: false,
        value: (...args: unknown[]) => {
          pwned.push(`${name}(${args.map(String).join(', ')})`);
        },
      });
    }
    document.addEventListener(
      'securitypolicyviolation',
      (event) => violations.push(`${event.effectiveDirective} ${event.blockedURI}`.trim()),
      true,
    );
  });
  return {
    async report() {
      const inPage = await page.evaluate(() => {
        const w = window as unknown as {
          chatletTrapCalls: string[];
          chatletTrapViolations: string[];
        };
        return { pwned: [...w.chatletTrapCalls], violations: [...w.chatletTrapViolations] };
      });
      return {
        ...inPage,
        dialogs: [...dialogs],
        pageErrors: [...pageErrors],
        console: [...messages],
        requests: [...requests],
      };
    },
  };
}
