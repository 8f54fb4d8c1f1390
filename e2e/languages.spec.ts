import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { directionOf, LANGUAGES, type Language } from '../src/core/languages.ts';
import { LOCALES } from '../src/ui/all-locales.ts';
import { openChatIn } from '../src/ui/launcher-label.ts';
import { openHelpCentre } from './support/help-centre.ts';
import { expect, openWidgetPage, test } from './support/scripted.ts';
import { consoleErrors } from './support/console-errors.ts';

/**
 * Every language on the built files: the accessible names a visitor's screen reader hears, the
 * panel's lang and dir, only that language's file downloaded; right-to-left layouts mirrored, and
 * whole exchanges in Arabic and Hebrew with zero axe violations, light and dark, on a phone.
 */

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .options({ resultTypes: ['violations'] })
    .analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${JSON.stringify(node.target)}`),
  );
}

/** Paths of the widget's language files the page requested. */
function languageFiles(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (/^\/chatlet-(panel-)?[a-z]{2}\.js$/.test(pathname)) files.push(pathname);
  });
  return files;
}

async function askIn(page: Page, lang: Language, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: LOCALES[lang].message });
  await box.fill(text);
  await page.getByRole('button', { name: LOCALES[lang].send }).click();
}

test.describe('every language (built bundle)', () => {
  for (const lang of LANGUAGES) {
    test(`${lang}: names, lang and dir, and only its own language's panel file`, async ({
      page,
      chat,
    }) => {
      const files = languageFiles(page);
      await openWidgetPage(page, chat, { lang, title: 'Chatlet' });
      const launcher = page.getByRole('button', { name: openChatIn(lang) });
      await expect(launcher).toHaveAttribute('lang', lang);
      await expect(launcher).toHaveAttribute('dir', directionOf(lang));
      await launcher.click();
      const dialog = page.getByRole('dialog', { name: 'Chatlet' });
      await expect(dialog).toHaveAttribute('lang', lang);
      await expect(dialog).toHaveAttribute('dir', directionOf(lang));
      const strings = LOCALES[lang];
      await expect(page.getByRole('textbox', { name: strings.message })).toBeFocused();
      await expect(page.getByRole('textbox')).toHaveAttribute('placeholder', strings.placeholder);
      await expect(page.getByRole('button', { name: strings.send })).toBeVisible();
      await expect(page.getByRole('button', { name: strings.menu })).toBeVisible();
      await expect(page.getByRole('button', { name: strings.closeChat })).toBeVisible();
      // One file: the panel with this language's strings, and no other language's.
      expect(files).toEqual([`/chatlet-panel-${lang}.js`]);
    });
  }

  test('<html lang="he-IL"> speaks Hebrew; an unsupported <html lang> falls back to English', async ({
    page,
    chat,
  }) => {
    await openWidgetPage(page, chat, {}, { lang: 'he-IL' });
    await expect(page.getByRole('button', { name: openChatIn('he') })).toHaveAttribute(
      'dir',
      'rtl',
    );
    await openWidgetPage(page, chat, {}, { lang: 'sv-SE', path: '/swedish.html' });
    await expect(page.getByRole('button', { name: 'Open chat' })).toHaveAttribute('dir', 'ltr');
  });

  test('an explicit unsupported data-lang is a config error naming the list, and no widget', async ({
    page,
    chat,
  }) => {
    const errors = consoleErrors(page);
    await openWidgetPage(page, chat, { lang: 'sv' });
    await expect
      .poll(() => errors)
      .toEqual([expect.stringContaining('Unsupported data-lang "sv": use one of en, de, fr, es')]);
    await expect(page.locator('chatlet-widget')).toHaveCount(0);
  });

  test('a link whose text names another host shows the real one, in every language', async ({
    page,
    chat,
  }) => {
    chat.upstream.script({ reply: 'Log in: [https://bank.example](https://evil.example/login)' });
    await openWidgetPage(page, chat, { lang: 'he' });
    await page.getByRole('button', { name: openChatIn('he') }).click();
    await askIn(page, 'he', 'איפה נכנסים?');
    const link = page.getByRole('link', { name: 'https://bank.example (evil.example)' });
    await expect(link).toHaveAttribute('href', 'https://evil.example/login');
  });
});

test.describe('every language in inline mode (built bundle)', () => {
  for (const lang of LANGUAGES) {
    test(`${lang} inline: names, lang and dir, a whole exchange`, async ({ page, chat }) => {
      chat.upstream.script({ reply: `Reply in ${lang}` });
      await openHelpCentre(page, chat.url, { lang, title: 'Chatlet' });
      const region = page.getByRole('region', { name: 'Chatlet' });
      await expect(region).toHaveAttribute('lang', lang);
      await expect(region).toHaveAttribute('dir', directionOf(lang));
      const strings = LOCALES[lang];
      await expect(page.getByRole('button', { name: strings.menu })).toBeVisible();
      await expect(page.getByRole('button', { name: openChatIn(lang) })).toHaveCount(0);
      await expect(page.getByRole('button', { name: strings.closeChat })).toHaveCount(0);
      await askIn(page, lang, 'Hello');
      await expect(page.getByRole('log')).toContainText(`Reply in ${lang}`);
      // Right to left, the visitor's bubble sits at the inline end, the left side of the element.
      const mine = await page.getByRole('log').getByText('Hello').boundingBox();
      const reply = await page.getByRole('log').getByText(`Reply in ${lang}`).boundingBox();
      if (directionOf(lang) === 'rtl') expect(mine?.x).toBeLessThan(reply?.x ?? 0);
      else expect(mine?.x).toBeGreaterThan(reply?.x ?? 0);
    });
  }
});

test.describe('right to left (built bundle)', () => {
  test('the launcher and the panel sit bottom left, the visitor’s bubbles on the left', async ({
    page,
    chat,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    chat.upstream.script({ reply: 'أهلًا! كيف يمكنني المساعدة؟' });
    await openWidgetPage(page, chat, { lang: 'ar', title: 'مساعدة' });
    const launcher = page.getByRole('button', { name: openChatIn('ar') });
    const box = await launcher.boundingBox();
    expect(box && box.x + box.width).toBeLessThan(640);
    await launcher.click();
    const panel = await page.getByRole('dialog', { name: 'مساعدة' }).boundingBox();
    expect(panel && panel.x + panel.width).toBeLessThan(640);
    await askIn(page, 'ar', 'أين فاتورتي؟');
    const log = page.getByRole('log');
    await expect(log).toContainText('كيف يمكنني المساعدة');
    const mine = await log.getByText('أين فاتورتي؟').boundingBox();
    const reply = await log.getByText('كيف يمكنني المساعدة', { exact: false }).boundingBox();
    // Mirrored: the visitor's bubble at the inline end (left), the assistant's at the start.
    expect(mine && reply && mine.x).toBeLessThan(reply?.x ?? 0);
  });

  test('data-position="left" mirrors too: bottom right in a right-to-left language', async ({
    page,
    chat,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openWidgetPage(page, chat, { lang: 'he', position: 'left' });
    const box = await page.getByRole('button', { name: openChatIn('he') }).boundingBox();
    expect(box?.x).toBeGreaterThan(640);
  });

  test('an unread reply is counted in Arabic words and digits', async ({ page, chat }) => {
    chat.upstream.script({ reply: 'تم.' }, { reply: 'تم مرة أخرى.' });
    await openWidgetPage(page, chat, { lang: 'ar' });
    const launcher = page.getByRole('button', { name: openChatIn('ar') });
    await launcher.click();
    await askIn(page, 'ar', 'مرحبا');
    // The first reply is read while the panel is open: closed before it arrives, it would count too.
    await expect(page.getByText('تم.', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: LOCALES.ar.closeChat }).click();
    await page.evaluate(() => window.Chatlet?.send('مرة أخرى'));
    await expect(launcher).toHaveAccessibleDescription(LOCALES.ar.unread.one ?? '');
  });

  for (const lang of ['ar', 'he'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      test(`${lang}, ${theme}, on a 375×667 phone: a whole exchange with zero axe violations`, async ({
        page,
        chat,
      }) => {
        // Five axe runs in one exchange: more than the default time on a busy machine.
        test.slow();
        await page.setViewportSize({ width: 375, height: 667 });
        const reply =
          lang === 'ar'
            ? 'فاتورتك في **حسابي** ← [الفواتير](https://shop.example.test/invoices)'
            : 'החשבונית נמצאת ב**חשבון שלי** ← [חשבוניות](https://shop.example.test/invoices)';
        chat.upstream.script({ reply }, { status: 500 });
        await openWidgetPage(page, chat, {
          lang,
          theme,
          greeting: lang === 'ar' ? 'أهلًا!' : 'שלום!',
        });
        const launcher = page.getByRole('button', { name: openChatIn(lang) });
        expect(await violations(page), 'closed').toEqual([]);
        await launcher.click();
        const strings = LOCALES[lang];
        await expect(page.getByRole('textbox', { name: strings.message })).toBeFocused();
        expect(await violations(page), 'open').toEqual([]);
        await page.getByRole('button', { name: strings.menu }).click();
        await expect(page.getByRole('button', { name: strings.newConversation })).toBeVisible();
        expect(await violations(page), 'menu').toEqual([]);
        await page.keyboard.press('Escape');
        await askIn(page, lang, lang === 'ar' ? 'أين فاتورتي؟' : 'איפה החשבונית?');
        await expect(page.getByRole('log').getByRole('link')).toBeVisible();
        expect(await violations(page), 'reply').toEqual([]);
        await askIn(page, lang, lang === 'ar' ? 'شكرًا' : 'תודה');
        await expect(page.getByRole('alert')).toContainText(strings.errorUpstream);
        await expect(page.getByRole('button', { name: strings.retry })).toBeVisible();
        expect(await violations(page), 'failed').toEqual([]);
        // The composer stays in view on the phone, the panel fills the screen.
        const panel = await page.getByRole('dialog').boundingBox();
        expect(panel).toMatchObject({ x: 0, width: 375 });
        await expect(page.getByRole('textbox', { name: strings.message })).toBeInViewport();
        await page.getByRole('button', { name: strings.closeChat }).click();
        await expect(launcher).toBeFocused();
      });
    }
  }
});
