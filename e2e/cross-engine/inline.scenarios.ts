import { expect } from '@playwright/test';
import type { Target } from './in-page.ts';
import type { Scenario } from './stage.ts';
import { ask, focused, isShown, launcher, log, waitForText } from './widget.ts';

/** The inline panel: a region named by the widget's title ("Chat"). */
const region: Target = { role: 'region', name: 'Chat' };

/** A help-centre page: an article long enough to scroll, and the element the chat fills. */
const HELP_CENTRE = `<article><h2>Refunds</h2>${'<p>How refunds work, step by step.</p>'.repeat(30)}</article>
<aside><h2>Ask us</h2><div id="help-chat" style="height: 480px"></div></aside>`;

/** Inline mode and the page's own launcher, where engines differ in layout and focus. */
export const inlineScenarios: Scenario[] = [
  {
    name: 'inline mode: the open panel fills the page’s element, no launcher, chats, kept across a reload, the page still scrolls',
    async run({ tab, page }) {
      await tab.goto(
        page({ attributes: { mode: 'inline', target: '#help-chat' }, body: HELP_CENTRE }),
      );
      await expect.poll(() => isShown(tab, region)).toBe(true);
      const layout = () =>
        tab.evaluate(() => {
          const host = document.querySelector('#help-chat > chatlet-widget');
          const panel = host?.shadowRoot?.querySelector('section');
          const box = (element: Element | null | undefined) => {
            const rect = element?.getBoundingClientRect();
            return rect ? [rect.width, rect.height].map(Math.round) : [];
          };
          return {
            container: box(document.querySelector('#help-chat')),
            panel: box(panel),
            launchers: host?.shadowRoot?.querySelectorAll('button.launcher').length ?? -1,
            overflow: getComputedStyle(document.documentElement).overflow,
          };
        }, null);
      const first = await layout();
      expect(first.panel).toEqual(first.container);
      expect(first.launchers).toBe(0);
      expect(await isShown(tab, launcher())).toBe(false);
      expect(first.overflow).not.toBe('hidden');

      await ask(tab, 'Where is my refund?');
      await waitForText(tab, log, 'Reply 1');
      await tab.reload();
      await waitForText(tab, log, 'Where is my refund?');
      await waitForText(tab, log, 'Reply 1');
      // The page scrolls as before (no scroll lock).
      const scrolled = await tab.evaluate(() => {
        window.scrollTo(0, 300);
        return window.scrollY;
      }, null);
      expect(scrolled).toBeGreaterThan(0);
    },
  },
  {
    name: 'data-launcher="none": the page’s own button, added after load, opens the chat by keyboard; Escape returns focus to it',
    async run({ tab, page }) {
      await tab.goto(page({ attributes: { launcher: 'none' } }));
      await expect
        .poll(() => tab.evaluate(() => !!document.querySelector('chatlet-widget'), null))
        .toBe(true);
      expect(await isShown(tab, launcher())).toBe(false);
      await tab.evaluate(() => {
        const button = document.createElement('button');
        button.textContent = 'Chat with support';
        button.setAttribute('data-chatlet-open', '');
        document.querySelector('main')?.append(button);
      }, null);
      await tab.press('Tab');
      expect(await focused(tab)).toBe('Chat with support');
      await tab.press('Enter');
      await expect.poll(() => focused(tab)).toBe('Message');
      await ask(tab, 'Hello');
      await waitForText(tab, log, 'Reply 1');
      await tab.press('Escape');
      await expect.poll(() => focused(tab)).toBe('Chat with support');
      expect(await isShown(tab, { role: 'dialog' })).toBe(false);
    },
  },
];
