import type { Locator, Page } from '@playwright/test';
import { ask, expect, openWidgetPage, test } from './support/scripted.ts';
import { recordWrites, traces } from './support/storage-traces.ts';

/**
 * The teaser (data-teaser) on the built bundle: drawn by its own small file beside the loader
 * (chatlet-teaser.js, loaded as its delay starts), above the closed launcher,
 * opening the chat, closed for good with its own button, and writing nothing until it is closed.
 */

const TEXT = 'Questions about your order? Ask us.';
const teaser = (page: Page, text = TEXT): Locator => page.getByRole('button', { name: text });
const launcherOf = (page: Page, name = 'Open chat'): Locator => page.getByRole('button', { name });

/** Shows the teaser through the API once the widget is there (deterministic, no waiting out a delay). */
const showTeaser = (page: Page): Promise<void> =>
  page.evaluate(async () => {
    await new Promise<void>((resolve) =>
      window.Chatlet ? resolve() : addEventListener('chatlet:ready', () => resolve()),
    );
    window.Chatlet!.showTeaser();
  });

/** Whether two boxes overlap. */
async function overlaps(a: Locator, b: Locator): Promise<boolean> {
  const [x, y] = [await a.boundingBox(), await b.boundingBox()];
  if (!x || !y) throw new Error('not rendered');
  return x.x < y.x + y.width && y.x < x.x + x.width && x.y < y.y + y.height && y.y < x.y + x.height;
}

test.describe('the teaser (built bundle)', () => {
  test('appears after its delay without the panel, and a click opens the chat', async ({
    page,
    chat,
  }) => {
    const panelRequests: string[] = [];
    const teaserRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('chatlet-panel')) panelRequests.push(request.url());
      if (request.url().includes('chatlet-teaser.js')) teaserRequests.push(request.url());
    });
    await openWidgetPage(page, chat, { teaser: TEXT, 'teaser-delay-ms': '1500' });
    await expect(launcherOf(page)).toBeVisible();
    await expect(teaser(page)).toHaveCount(0);
    await expect(teaser(page)).toBeVisible();
    // Drawn without the panel: it is not even downloaded to show it; the teaser's own small file
    // is, once, by release.
    expect(panelRequests).toEqual([]);
    expect(teaserRequests).toHaveLength(1);
    expect(teaserRequests[0]).toMatch(/\/chatlet-teaser\.js\?v=\d/);
    await expect(page.locator('chatlet-widget [aria-live="polite"]')).toHaveText(TEXT);

    await teaser(page).click();
    await expect(page.getByRole('dialog', { name: 'Chat' })).toBeVisible();
    await expect(teaser(page)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Close', exact: true })).toHaveCount(0);
  });

  test('closed with its button, it writes its one flag and is not shown again after a reload', async ({
    page,
    chat,
  }) => {
    await recordWrites(page);
    await openWidgetPage(page, chat, { teaser: TEXT, 'teaser-delay-ms': '0' });
    await expect(teaser(page)).toBeVisible();
    expect((await traces(page)).writes).toEqual([]);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(teaser(page)).toHaveCount(0);
    await expect(launcherOf(page)).toBeFocused();
    expect((await traces(page)).writes).toEqual(['local:chatlet:teaser-closed']);

    await page.reload();
    await expect(launcherOf(page)).toBeVisible();
    await showTeaser(page);
    await expect(teaser(page)).toHaveCount(0);
  });

  test('is not shown again once the visitor has chatted', async ({ page, chat }) => {
    await openWidgetPage(page, chat, { teaser: TEXT, 'teaser-delay-ms': '0' });
    await expect(teaser(page)).toBeVisible();
    await launcherOf(page).click();
    await expect(teaser(page)).toHaveCount(0);
    await ask(page, 'Where is my parcel?');
    await expect(page.getByRole('log')).toContainText('Reply 1');
    await page.keyboard.press('Escape');
    await showTeaser(page);
    await expect(teaser(page)).toHaveCount(0);

    await page.reload();
    await expect(launcherOf(page)).toBeVisible();
    await showTeaser(page);
    await expect(teaser(page)).toHaveCount(0);
  });

  test('keyboard: Tab reaches it after the launcher, focus is visible, closing returns focus', async ({
    page,
    chat,
  }) => {
    await openWidgetPage(page, chat, { teaser: TEXT, 'teaser-delay-ms': '0' });
    await expect(teaser(page)).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(launcherOf(page)).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(teaser(page)).toBeFocused();
    const close = page.getByRole('button', { name: 'Close', exact: true });
    await page.keyboard.press('Tab');
    await expect(close).toBeFocused();
    expect(await close.evaluate((element) => getComputedStyle(element).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    await expect(teaser(page)).toHaveCount(0);
    await expect(launcherOf(page)).toBeFocused();
  });

  for (const motion of ['reduce', 'no-preference'] as const) {
    test(`prefers-reduced-motion: ${motion}`, async ({ page, chat }) => {
      await page.emulateMedia({ reducedMotion: motion });
      await openWidgetPage(page, chat, { teaser: TEXT, 'teaser-delay-ms': '0' });
      await expect(teaser(page)).toBeVisible();
      const animation = await teaser(page).evaluate(
        (element) => getComputedStyle(element).animationName,
      );
      expect(animation).toBe(motion === 'reduce' ? 'none' : 'chatlet-teaser');
    });
  }

  const layouts = [
    { name: 'desktop, English', size: { width: 1280, height: 720 }, lang: 'en', position: 'right' },
    {
      name: '320 px phone, left corner',
      size: { width: 320, height: 568 },
      lang: 'en',
      position: 'left',
    },
    {
      name: '375 px phone, Arabic (right to left)',
      size: { width: 375, height: 667 },
      lang: 'ar',
      position: 'right',
    },
    {
      name: 'desktop, Hebrew, left corner',
      size: { width: 1280, height: 720 },
      lang: 'he',
      position: 'left',
    },
  ];
  for (const { name, size, lang, position } of layouts) {
    test(`never covers the launcher and stays on screen: ${name}`, async ({ page, chat }) => {
      await page.setViewportSize(size);
      const text = 'A teaser long enough to wrap onto a second and a third line on a phone.';
      await openWidgetPage(page, chat, { teaser: text, 'teaser-delay-ms': '0', lang, position });
      const bubble = teaser(page, text);
      await expect(bubble).toBeVisible();
      const launcher = page.locator('chatlet-widget').locator('[part="launcher"]');
      const close = page.locator('chatlet-widget').locator('[part="teaser"] > button');
      expect(await overlaps(bubble, launcher)).toBe(false);
      expect(await overlaps(close, launcher)).toBe(false);
      for (const box of [await bubble.boundingBox(), await close.boundingBox()]) {
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
        expect(box!.y).toBeGreaterThanOrEqual(0);
      }
      // WCAG 2.2 target size (2.5.8): at least 24 × 24 CSS px.
      const target = (await close.boundingBox())!;
      expect(Math.min(target.width, target.height)).toBeGreaterThanOrEqual(24);
      // Same corner as the launcher: mirrored together for right-to-left and for data-position.
      const [b, l] = [(await bubble.boundingBox())!, (await launcher.boundingBox())!];
      const onRight = (box: typeof b) => box.x + box.width / 2 > size.width / 2;
      expect(onRight(b)).toBe(onRight(l));
    });
  }

  test('speaks German: the close button is "Schließen"', async ({ page, chat }) => {
    await openWidgetPage(
      page,
      chat,
      { teaser: 'Fragen? Wir helfen.', 'teaser-delay-ms': '0' },
      { lang: 'de' },
    );
    await expect(teaser(page, 'Fragen? Wir helfen.')).toBeVisible();
    await page.getByRole('button', { name: 'Schließen' }).click();
    await expect(teaser(page, 'Fragen? Wir helfen.')).toHaveCount(0);
    await expect(launcherOf(page, 'Chat öffnen')).toBeFocused();
  });
});
