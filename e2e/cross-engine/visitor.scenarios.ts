import { expect } from '@playwright/test';
import type { Scenario } from './stage.ts';
import {
  ask,
  attributeOf,
  edgesOf,
  focused,
  isShown,
  launcher,
  log,
  waitForText,
} from './widget.ts';

const sentTexts = (calls: Array<{ body: Record<string, unknown> }>) =>
  calls.map((call) => call.body['text']);

/** What a visitor does with the widget on an ordinary page. */
export const visitorScenarios: Scenario[] = [
  {
    name: 'the named launcher opens the panel, which is loaded as its own file',
    async run({ tab, page }) {
      await tab.goto(page({ attributes: { title: 'Help' } }));
      expect(await attributeOf(tab, launcher(), 'aria-expanded')).toBe('false');
      await tab.click(launcher());
      await expect.poll(() => isShown(tab, { role: 'dialog', name: 'Help' })).toBe(true);
      expect(await attributeOf(tab, launcher(), 'aria-expanded')).toBe('true');
      expect(await isShown(tab, { role: 'textbox', name: 'Message' })).toBe(true);
    },
  },
  {
    name: 'a message goes through the real proxy and its reply shows',
    async run({ tab, page, upstream }) {
      await tab.goto(page());
      await tab.click(launcher());
      await ask(tab, 'Where is my parcel?');
      await waitForText(tab, log, 'Reply 1');
      await waitForText(tab, log, 'Where is my parcel?');
      expect(sentTexts(upstream.calls)).toEqual(['Where is my parcel?']);
    },
  },
  {
    name: 'a reload keeps the conversation and continues it upstream',
    async run({ tab, page, upstream }) {
      await tab.goto(page());
      await tab.click(launcher());
      await ask(tab, 'Before the reload');
      await waitForText(tab, log, 'Reply 1');
      await tab.reload();
      await tab.click(launcher());
      await waitForText(tab, log, 'Before the reload');
      await waitForText(tab, log, 'Reply 1');
      await ask(tab, 'After the reload');
      await waitForText(tab, log, 'Reply 2');
      expect(upstream.calls.map((call) => call.body['conv_id'])).toEqual([undefined, 'conv-1']);
    },
  },
  {
    name: 'German from <html lang="de-AT">: every control named in German',
    async run({ tab, page }) {
      await tab.goto(page({ lang: 'de-AT' }));
      await tab.click(launcher('Chat öffnen'));
      await expect.poll(() => isShown(tab, { role: 'dialog', name: 'Chat' })).toBe(true);
      for (const name of ['Chat schließen', 'Senden', 'Weitere Optionen']) {
        expect(await isShown(tab, { role: 'button', name }), name).toBe(true);
      }
      await ask(tab, 'Hallo', 'Nachricht');
      await waitForText(tab, log, 'Reply 1');
    },
  },
  {
    name: 'Arabic from <html lang="ar">: right to left, launcher and panel in the mirrored corner, a reply',
    async run({ tab, page }) {
      await tab.goto(page({ lang: 'ar' }));
      const open = launcher('فتح المحادثة');
      expect(await attributeOf(tab, open, 'dir')).toBe('rtl');
      // Bottom left: the launcher's inline end is the left edge in a right-to-left language.
      const button = await edgesOf(tab, open);
      expect(button.right).toBeLessThan(button.viewport / 2);
      await tab.click(open);
      const dialog = { role: 'dialog', name: 'محادثة' } as const;
      await expect.poll(() => isShown(tab, dialog)).toBe(true);
      expect(await attributeOf(tab, dialog, 'dir')).toBe('rtl');
      const panel = await edgesOf(tab, dialog);
      expect(panel.right).toBeLessThan(panel.viewport / 2);
      await ask(tab, 'مرحبا', 'رسالة');
      await waitForText(tab, log, 'Reply 1');
      await waitForText(tab, log, 'مرحبا');
    },
  },
  {
    name: 'keyboard only: Tab reaches the launcher, Enter opens and sends, Escape closes and returns focus',
    async run({ tab, page }) {
      await tab.goto(page());
      await expect.poll(() => isShown(tab, launcher())).toBe(true);
      await tab.press('Tab');
      expect(await focused(tab)).toBe('Open chat');
      await tab.press('Enter');
      await expect.poll(() => focused(tab)).toBe('Message');
      await tab.type({ role: 'textbox', name: 'Message' }, 'Typed, no mouse');
      await tab.press('Enter');
      await waitForText(tab, log, 'Reply 1');
      await tab.press('Escape');
      await expect.poll(() => isShown(tab, log)).toBe(false);
      await expect.poll(() => focused(tab)).toBe('Open chat');
      expect(await attributeOf(tab, launcher(), 'aria-expanded')).toBe('false');
    },
  },
];
