import { expect } from '@playwright/test';
import type { Scenario } from './stage.ts';
import type { Tab } from './tab.ts';
import { ask, isShown, launcher, log, textOf, waitForText } from './widget.ts';

/** How many keys each Web Storage of the page's origin holds (each test has an origin of its own). */
const storedKeys = (tab: Tab) =>
  tab.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }), null);

/** Options of this round, where the engines' storage and layout differ. */
export const featureScenarios: Scenario[] = [
  {
    name: 'data-storage="session": kept across a reload, in sessionStorage only, not in a new tab',
    async run({ tab, newTab, page }) {
      const url = page({ attributes: { storage: 'session' } });
      await tab.goto(url);
      await tab.click(launcher());
      await ask(tab, 'Only for this tab');
      await waitForText(tab, log, 'Reply 1');
      const stored = await storedKeys(tab);
      expect(stored.local).toBe(0);
      expect(stored.session).toBeGreaterThan(0);

      await tab.reload();
      await tab.click(launcher());
      await waitForText(tab, log, 'Only for this tab');

      const other = await newTab();
      await other.goto(url);
      await other.click(launcher());
      await expect.poll(() => isShown(other, log)).toBe(true);
      expect(await textOf(other, log)).not.toContain('Only for this tab');
      expect((await storedKeys(other)).session).toBe(0);
    },
  },
];
