import type { Page } from '@playwright/test';
import { openHelpCentre as openHelpPage } from './support/help-centre.ts';
import { ask, expect, openWidgetPage, test, type ScriptedChat } from './support/scripted.ts';
import { consoleErrors } from './support/console-errors.ts';

/**
 * Inline mode and the page's own launcher on the built files: a help-centre page whose chat lives
 * in a column of the page, and a page that opens the chat from its own buttons.
 */

/** The help-centre page with the chat titled "Help". */
const openHelpCentre = (page: Page, chat: ScriptedChat, attributes = {}): Promise<void> =>
  openHelpPage(page, chat.url, { title: 'Help', ...attributes });

test.describe('inline mode (built bundle)', () => {
  test('the open panel fills the help centre’s element, chats, and keeps the conversation', async ({
    page,
    chat,
  }) => {
    chat.upstream.script({ reply: 'Refunds take five days.' });
    await openHelpCentre(page, chat);
    const region = page.getByRole('region', { name: 'Help' });
    await expect(region).toBeVisible();
    // Inside the element, filling it, with nothing over the page.
    await expect(page.locator('#help-chat > chatlet-widget')).toHaveCount(1);
    const container = await page.locator('#help-chat').boundingBox();
    const panel = await region.boundingBox();
    expect(panel).toEqual(container);
    await expect(page.getByRole('button', { name: 'Open chat' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Close chat' })).toHaveCount(0);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    // On page load the page keeps its focus (and its scroll position).
    await expect(page.getByRole('textbox', { name: 'Message' })).not.toBeFocused();

    await ask(page, 'How long do refunds take?');
    await expect(page.getByRole('log')).toContainText('Refunds take five days.');
    // Escape does not take the chat off the page.
    await page.keyboard.press('Escape');
    await expect(region).toBeVisible();

    await page.reload();
    await expect(page.getByRole('log')).toContainText('How long do refunds take?');
    await expect(page.getByRole('log')).toContainText('Refunds take five days.');
  });

  test('on a phone the page keeps scrolling and the panel stays in its element', async ({
    page,
    chat,
  }) => {
    await page.setViewportSize({ width: 375, height: 667 });
    await openHelpCentre(page, chat);
    const region = page.getByRole('region', { name: 'Help' });
    await expect(region).toBeVisible();
    await page.getByRole('textbox', { name: 'Message' }).focus();
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).not.toBe(
      'hidden',
    );
    expect(await page.evaluate(() => document.documentElement.style.overflow)).toBe('');
    const box = await region.boundingBox();
    expect(box?.height).toBe(520);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.mouse.wheel(0, 400);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  });

  test('a target that matches nothing is one console error naming it, and no widget', async ({
    page,
    chat,
  }) => {
    const errors = consoleErrors(page);
    await openHelpCentre(page, chat, { target: '#chat-column' });
    await expect
      .poll(() => errors)
      .toEqual([expect.stringMatching(/^Chatlet: data-target "#chat-column" matches no element/)]);
    await expect(page.locator('chatlet-widget')).toHaveCount(0);
  });

  test('inline without data-target is a config error before anything shows', async ({
    page,
    chat,
  }) => {
    const errors = consoleErrors(page);
    await openWidgetPage(page, chat, { mode: 'inline' });
    await expect
      .poll(() => errors)
      .toEqual([expect.stringContaining('data-mode="inline" needs data-target')]);
    await expect(page.locator('chatlet-widget')).toHaveCount(0);
  });
});

test.describe('data-launcher="none" and the page’s own buttons (built bundle)', () => {
  test('a [data-chatlet-open] added after load opens the chat; focus returns to it on close', async ({
    page,
    chat,
  }) => {
    chat.upstream.script({ reply: 'Hello from support.' });
    await openWidgetPage(page, chat, { launcher: 'none', title: 'Help' });
    await expect(page.locator('chatlet-widget')).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Open chat' })).toHaveCount(0);
    // The page's own button arrives later, as a single-page app renders it.
    await page.evaluate(() => {
      const button = document.createElement('button');
      button.textContent = 'Chat with support';
      button.dataset['chatletOpen'] = '';
      document.querySelector('main')?.append(button);
    });
    const own = page.getByRole('button', { name: 'Chat with support' });

    await own.click();
    await expect(page.getByRole('dialog', { name: 'Help' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
    await ask(page, 'Hi');
    await expect(page.getByRole('log')).toContainText('Hello from support.');
    await page.getByRole('button', { name: 'Close chat' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(own).toBeFocused();

    // By keyboard: the page's button activates on Enter, Escape brings focus back to it.
    await page.keyboard.press('Enter');
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(own).toBeFocused();
  });

  test('a link with data-chatlet-open opens the chat instead of navigating', async ({
    page,
    chat,
  }) => {
    await openWidgetPage(
      page,
      chat,
      { launcher: 'none', title: 'Help' },
      { body: '<p><a href="/contact" data-chatlet-open>Contact us</a></p>' },
    );
    await expect(page.locator('chatlet-widget')).toHaveCount(1);
    await page.getByRole('link', { name: 'Contact us' }).click();
    await expect(page.getByRole('dialog', { name: 'Help' })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe('/e2e-page.html');
  });
});
