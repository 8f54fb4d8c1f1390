import { readFile } from 'node:fs/promises';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { ask, expect, openWidgetPage, test, type ScriptedChat } from './support/scripted.ts';

/**
 * A visitor comes back to a 1,000-message conversation (docs/ARCHITECTURE.md, "Long histories"):
 * the built panel opens on the newest messages, "Show earlier messages" adds older ones above
 * without moving what the visitor reads, the page stays accessible, a new reply is announced
 * like any other, and the transcript holds every message.
 */

const COUNT = 1000;

/** Questions and replies in turn, oldest first, each naming its place: "#12 of 1000". */
function storedHistory(): string {
  const start = Date.UTC(2026, 10, 1);
  const messages = Array.from({ length: COUNT }, (_, index) =>
    index % 2 === 0
      ? {
          id: `stored-${index}`,
          role: 'user',
          state: 'sent',
          at: start + index * 60_000,
          text: `Question #${index} of ${COUNT}`,
        }
      : {
          id: `stored-${index}`,
          role: 'assistant',
          at: start + index * 60_000,
          text: `Answer #${index} of ${COUNT}: **yes**, see [the guide](https://example.test/guide).`,
        },
  );
  return JSON.stringify({ messages });
}

/** Stores the history for the page's `/chat` before any script runs, then opens the panel. */
async function openWithHistory(page: Page, chat: ScriptedChat): Promise<void> {
  await page.addInitScript(
    ([key, value]) => {
      if (localStorage.getItem(key as string) === null) localStorage.setItem(key!, value!);
    },
    [`chatlet:v1:${new URL('/chat', chat.url).href}`, storedHistory()],
  );
  await openWidgetPage(page, chat, { 'history-limit': String(COUNT) });
  await page.getByRole('button', { name: 'Open chat' }).click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
}

const items = (page: Page) => page.getByRole('log').locator('[part~="message"]');

test.describe('a 1,000-message history (built bundle)', () => {
  test('opens on the newest messages; "Show earlier" adds older ones above without a jump; axe passes', async ({
    page,
    chat,
  }) => {
    test.setTimeout(90_000);
    await openWithHistory(page, chat);
    await expect(items(page).last()).toContainText(`Answer #${COUNT - 1} of ${COUNT}`);
    // The button comes with the whole first page, after the few drawn with the focus.
    await expect(page.getByRole('button', { name: 'Show earlier messages' })).toBeVisible();
    const rendered = await items(page).count();
    expect(rendered).toBeLessThan(100);
    await expect(items(page).first()).toContainText(`#${COUNT - rendered} of`);

    // Read from the top of what is shown, where the button is; reach it with Tab.
    await page.locator('[part="messages"]').evaluate((element) => element.scrollTo(0, 0));
    const reading = items(page).first();
    const text = await reading.textContent();
    const before = await reading.boundingBox();
    await page.getByRole('button', { name: 'Close chat' }).focus();
    await page.keyboard.press('Tab');
    const earlier = page.getByRole('button', { name: 'Show earlier messages' });
    await expect(earlier).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(items(page)).toHaveCount(2 * rendered);
    // The message the visitor was reading is where it was; the older ones went in above it.
    const same = items(page).nth(rendered);
    expect(await same.textContent()).toBe(text);
    const after = await same.boundingBox();
    expect(Math.abs((after?.y ?? 0) - (before?.y ?? 0))).toBeLessThanOrEqual(1);
    await expect(items(page).first()).toContainText(`#${COUNT - 2 * rendered} of`);

    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .options({ resultTypes: ['violations'] })
      .analyze();
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  });

  test('opening draws a few messages with the focus, the rest of the first page in a later task', async ({
    page,
    chat,
  }) => {
    // How many messages the log held when "Message" took the focus, seen from inside the page
    // (in the shadow root: a focus move within it does not reach the document).
    await page.addInitScript(() => {
      const attachShadow = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init) {
        const root = attachShadow.call(this, init);
        root.addEventListener('focusin', (event) => {
          const log = root.querySelector('[role="log"]');
          if (log && (event.target as Element).getAttribute('aria-label') === 'Message') {
            (window as { drawnWithFocus?: number }).drawnWithFocus ??= log.children.length;
          }
        });
        return root;
      };
    });
    await openWithHistory(page, chat);
    const drawnWithFocus = await page.evaluate(
      () => (window as { drawnWithFocus?: number }).drawnWithFocus,
    );
    expect(drawnWithFocus).toBeGreaterThan(0);
    expect(drawnWithFocus).toBeLessThan(10);
    await expect(items(page).last()).toContainText(`Answer #${COUNT - 1} of ${COUNT}`);
    await expect(items(page)).toHaveCount(20);
    await expect(page.getByRole('button', { name: 'Show earlier messages' })).toBeVisible();
  });

  test('history stays quiet, a new reply is announced; the transcript has all 1,000', async ({
    page,
    chat,
  }) => {
    chat.upstream.script({ reply: 'A fresh answer' });
    await openWithHistory(page, chat);
    await page.getByRole('button', { name: 'Show earlier messages' }).click();
    const log = page.getByRole('log');
    await expect(log).toHaveAttribute('aria-live', 'polite');
    // Every stored message, also those just added, opts out of the live region.
    const live = await items(page).evaluateAll((nodes) =>
      nodes.map((node) => node.getAttribute('aria-live')),
    );
    expect(new Set(live)).toEqual(new Set(['off']));

    await ask(page, 'One more question');
    const fresh = items(page).filter({ hasText: 'A fresh answer' });
    await expect(fresh).toHaveCount(1);
    await expect(fresh).not.toHaveAttribute('aria-live', /./);

    await page.getByRole('button', { name: 'More options' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download transcript' }).click();
    const file = await readFile((await (await download).path()) ?? '', 'utf8');
    expect(file.match(/^(You|Assistant) · /gm)).toHaveLength(COUNT + 2);
    expect(file).toContain(`\nQuestion #0 of ${COUNT}\n`);
    expect(file).toContain('\nA fresh answer\n');
  });
});
