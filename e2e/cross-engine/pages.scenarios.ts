import { expect } from '@playwright/test';
import type { Scenario } from './stage.ts';
import {
  ask,
  isShown,
  launcher,
  log,
  scriptsLoaded,
  seen,
  setOnline,
  srgbOf,
  styleOf,
  waitForText,
} from './widget.ts';

/** Nothing inline, nothing foreign, Trusted Types for every script sink (as hostile-pages.spec.ts). */
const STRICT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; require-trusted-types-for 'script'";

/** The launcher's look when its stylesheet applied (design defaults). */
const STYLED_LAUNCHER = {
  position: 'fixed',
  'background-color': 'rgb(31, 95, 191)',
  width: '56px',
};

/** Pages that make an engine's differences show: CSP, origins, tabs, old style APIs. */
export const pageScenarios: Scenario[] = [
  {
    name: 'under a strict CSP the widget is styled and chats, without a violation or an error',
    async run({ tab, page }) {
      await tab.goto(page({ headers: { 'content-security-policy': STRICT_CSP } }));
      expect(await styleOf(tab, launcher(), Object.keys(STYLED_LAUNCHER))).toEqual(STYLED_LAUNCHER);
      await tab.click(launcher());
      await ask(tab, 'Hello under CSP');
      await waitForText(tab, log, 'Reply 1');
      const { errors, warnings, violations } = await seen(tab);
      expect({ errors, warnings }).toEqual({ errors: [], warnings: [] });
      // Firefox asks for /favicon.ico by itself, and the CSP refuses that: not the widget's doing.
      expect(violations.filter((violation) => !violation.endsWith('/favicon.ico'))).toEqual([]);
    },
  },
  {
    name: 'a site’s primary colour gets white or black text, whichever contrasts more (4.5:1 at least)',
    // Relative colour syntax in xyz-d65 (src/shell/launcher.css): each engine computes it itself.
    async run({ tab, page }) {
      const expected: Record<string, number[]> = {
        '#8a2be2': [255, 255, 255],
        '#ffd700': [0, 0, 0],
        // Luminances 0.188 and 0.175, either side of where white and black contrast equally (0.1791).
        '#787878': [0, 0, 0],
        '#747474': [255, 255, 255],
      };
      for (const [primary, text] of Object.entries(expected)) {
        await tab.goto(page({ attributes: { 'primary-color': primary } }));
        await expect
          .poll(async () => (await srgbOf(tab, launcher(), ['color']))[0], { message: primary })
          .toEqual(text);
      }
    },
  },
  {
    name: 'the script and its panel from a second origin chat with that origin’s proxy',
    // The panel is a classic script from beside the loader: the second origin needs no CORS headers.
    async run({ tab, page, proxyUrl }) {
      await tab.goto(page({ crossOrigin: true }));
      await tab.click(launcher());
      await ask(tab, 'From another origin');
      await waitForText(tab, log, 'Reply 1');
      const proxyOrigin = new URL(proxyUrl).origin;
      const fromProxy = (await scriptsLoaded(tab)).filter(
        (url) => new URL(url).origin === proxyOrigin,
      );
      expect(fromProxy.map((url) => new URL(url).pathname).sort()).toEqual([
        '/chatlet-panel-en.js',
        '/chatlet.js',
      ]);
      expect((await seen(tab)).errors).toEqual([]);
    },
  },
  {
    name: 'two tabs: a message queued offline is sent once, not once per tab',
    async run({ tab, newTab, page, upstream }) {
      const url = page();
      const other = await newTab();
      for (const each of [tab, other]) {
        await each.goto(url);
        await each.click(launcher());
        await expect.poll(() => isShown(each, log)).toBe(true);
        await setOnline(each, false);
      }
      await ask(tab, 'Queued with two tabs open');
      await waitForText(other, log, 'Waiting to send');
      expect(upstream.calls).toHaveLength(0);

      for (const each of [tab, other]) await setOnline(each, true);
      await waitForText(tab, log, 'Reply 1');
      await waitForText(other, log, 'Reply 1');
      await ask(other, 'Then the second tab');
      await waitForText(tab, log, 'Reply 2');
      expect(upstream.calls.map((call) => call.body['text'])).toEqual([
        'Queued with two tabs open',
        'Then the second tab',
      ]);
    },
  },
  {
    name: 'without constructable stylesheets the <style> fallback styles the widget',
    async run({ tab, page }) {
      await tab.goto(page({ constructableSheets: false }));
      expect(await tab.evaluate(() => 'adoptedStyleSheets' in Document.prototype, null)).toBe(
        false,
      );
      expect(await styleOf(tab, launcher(), Object.keys(STYLED_LAUNCHER))).toEqual(STYLED_LAUNCHER);
      await tab.click(launcher());
      await ask(tab, 'Styled the old way');
      await waitForText(tab, log, 'Reply 1');
      expect(await styleOf(tab, { role: 'dialog' }, ['position'])).toEqual({ position: 'fixed' });
    },
  },
  {
    name: 'without constructable stylesheets, under a style-src that refuses <style>: nothing shown, one error naming the directive',
    async run({ tab, page }) {
      await tab.goto(
        page({ constructableSheets: false, headers: { 'content-security-policy': STRICT_CSP } }),
      );
      await expect.poll(async () => (await seen(tab)).errors.length).toBe(1);
      const [error] = (await seen(tab)).errors;
      expect(error).toMatch(/^Chatlet: .*Content-Security-Policy.*'unsafe-inline'.*style-src/);
      // Nothing of the widget is left on the page, not even an empty host.
      const left = await tab.evaluate(
        () => ({
          host: document.querySelector('chatlet-widget') !== null,
          api: 'Chatlet' in window,
        }),
        null,
      );
      expect(left).toEqual({ host: false, api: false });
      expect((await seen(tab)).errors).toHaveLength(1);
    },
  },
];
