import { expect } from '@playwright/test';
import type { Scenario } from './stage.ts';
import type { Tab } from './tab.ts';
import { ask, focused, isShown, launcher, log, textOf, waitForText } from './widget.ts';

/** How many keys each Web Storage of the page's origin holds (each test has an origin of its own). */
const storedKeys = (tab: Tab) =>
  tab.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }), null);

/** Whether the button named `above` sits wholly above the button named `below` (no overlap). */
const isAbove = (tab: Tab, above: string, below: string) =>
  tab.evaluate(
    async ([upper, lower]) => {
      const probe = window.chatletProbe!;
      const a = (await probe.find({ role: 'button', name: upper }, 10_000)).getBoundingClientRect();
      const b = (await probe.find({ role: 'button', name: lower }, 10_000)).getBoundingClientRect();
      return a.bottom <= b.top && a.right <= innerWidth && a.left >= 0;
    },
    [above, below] as const,
  );

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
  {
    name: 'the teaser: drawn by the loader above the launcher, opens the chat, closed for good (German)',
    async run({ tab, page }) {
      const teaser = { role: 'button', name: 'Need help? Ask us.' } as const;
      const url = page({ attributes: { teaser: teaser.name, 'teaser-delay-ms': '0' } });
      await tab.goto(url);
      await expect.poll(() => isShown(tab, teaser)).toBe(true);
      expect(await isAbove(tab, teaser.name, 'Open chat')).toBe(true);
      // Shown, it has written nothing.
      expect(await storedKeys(tab)).toEqual({ local: 0, session: 0 });
      await tab.click(teaser);
      await expect.poll(() => isShown(tab, { role: 'dialog', name: 'Chat' })).toBe(true);
      expect(await isShown(tab, teaser)).toBe(false);

      const german = { role: 'button', name: 'Fragen? Wir helfen.' } as const;
      await tab.goto(
        page({ lang: 'de', attributes: { teaser: german.name, 'teaser-delay-ms': '0' } }),
      );
      await expect.poll(() => isShown(tab, german)).toBe(true);
      await tab.click({ role: 'button', name: 'Schließen' });
      await expect.poll(() => isShown(tab, german)).toBe(false);
      expect(await focused(tab)).toBe('Chat öffnen');
      expect(await tab.evaluate(() => Object.keys(localStorage).join(), null)).toBe(
        'chatlet:teaser-closed',
      );

      await tab.reload();
      await expect.poll(() => isShown(tab, launcher('Chat öffnen'))).toBe(true);
      await tab.evaluate(() => window.Chatlet!.showTeaser(), null);
      expect(await isShown(tab, german)).toBe(false);
    },
  },
];
