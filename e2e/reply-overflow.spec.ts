import type { Page } from '@playwright/test';
import { expect, openWidgetPage, test } from './support/scripted.ts';

/** A 300-character line of code: it may not wrap, so its block scrolls. */
const CODE_LINE = 'const url = "https://api.example.test/v1/chat"; '.repeat(7).slice(0, 299) + ';';
/** A 200-character URL, linked as it stands, and a 120-letter word: both must wrap. */
const LONG_URL = `https://docs.example.test/${'guides/'.repeat(25)}`.padEnd(200, 'x');
const LONG_WORD = 'Donaudampfschifffahrtsgesellschaft'.repeat(4).slice(0, 120);
const REPLY = [
  'Use this:',
  '',
  '```',
  CODE_LINE,
  '```',
  '',
  `See ${LONG_URL} or ${LONG_WORD}.`,
].join('\n');

/** The layouts the panel has: desktop, phone (full screen) and right to left. */
const LAYOUTS = [
  { name: 'desktop', width: 1280, height: 800, lang: 'en', open: 'Open chat', box: 'Message' },
  { name: 'phone', width: 375, height: 700, lang: 'en', open: 'Open chat', box: 'Message' },
  {
    name: 'right to left (ar)',
    width: 1280,
    height: 800,
    lang: 'ar',
    open: 'فتح المحادثة',
    box: 'رسالة',
  },
  {
    name: 'phone, right to left (he)',
    width: 375,
    height: 700,
    lang: 'he',
    open: 'פתיחת הצ׳אט',
    box: 'הודעה',
  },
];

/** Widths and edges of the panel, the log's scroller, the reply's bubble and its code block. */
function measure(page: Page) {
  return page.getByRole('log').evaluate((log) => {
    const box = (element: Element) => element.getBoundingClientRect();
    const scroller = log.closest('[part~="messages"]')!;
    const reply = [...log.querySelectorAll('[part~="assistant"]')].at(-1)!;
    const bubble = reply.querySelector('.bubble')!;
    const pre = bubble.querySelector('pre')!;
    return {
      panel: box(log.closest('dialog, [role="dialog"]')!).width,
      scroller: {
        ...box(scroller).toJSON(),
        overflow: scroller.scrollWidth - scroller.clientWidth,
      },
      message: box(reply).width,
      bubble: { ...box(bubble).toJSON(), overflow: bubble.scrollWidth - bubble.clientWidth },
      pre: { overflow: pre.scrollWidth - pre.clientWidth, tabIndex: pre.tabIndex },
    };
  });
}

test.describe('long lines in a reply (built bundle)', () => {
  for (const layout of LAYOUTS) {
    test(`${layout.name}: code scrolls in its bubble, URLs and words wrap, nothing widens`, async ({
      page,
      chat,
    }) => {
      await page.setViewportSize({ width: layout.width, height: layout.height });
      chat.upstream.script({ reply: REPLY });
      await openWidgetPage(page, chat, { lang: layout.lang });
      await page.getByRole('button', { name: layout.open }).click();
      const dialog = page.getByRole('dialog');
      const panelBefore = (await dialog.boundingBox())!.width;
      const box = page.getByRole('textbox', { name: layout.box });
      await box.fill('Long lines, please');
      await box.press('Enter');
      const reply = page.getByRole('log').locator('[part~="assistant"]').last();
      await expect(reply.locator('pre')).toContainText(CODE_LINE);
      await expect(reply.getByRole('link', { name: LONG_URL })).toBeVisible();

      const seen = await measure(page);
      // The panel keeps its width, and nothing in the log scrolls sideways.
      expect(seen.panel).toBe(panelBefore);
      expect(seen.scroller.overflow).toBe(0);
      // The bubble stays inside its message (85% of the log at most) and the log's box ...
      expect(seen.bubble.width).toBeLessThanOrEqual(seen.message + 0.5);
      expect(seen.bubble.left).toBeGreaterThanOrEqual(seen.scroller.left);
      expect(seen.bubble.right).toBeLessThanOrEqual(seen.scroller.right);
      // ... with nothing sticking out of it: the URL and the word wrapped.
      expect(seen.bubble.overflow).toBe(0);
      // The code block scrolls instead, and is a tab stop so the keyboard can scroll it.
      expect(seen.pre.overflow).toBeGreaterThan(0);
      expect(seen.pre.tabIndex).toBe(0);
      const pre = reply.locator('pre');
      await expect(pre).toHaveAttribute('dir', 'ltr');

      // From the message field back through the reply, by keyboard only, to the code block.
      await box.focus();
      for (let step = 0; step < 12; step += 1) {
        if (await pre.evaluate((element) => element.matches(':focus'))) break;
        await page.keyboard.press('Shift+Tab');
      }
      await expect(pre).toBeFocused();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => pre.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    });
  }
});
