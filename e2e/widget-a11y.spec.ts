import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { LOCALES } from '../src/ui/all-locales.ts';
import { openHelpCentre } from './support/help-centre.ts';
import { ask, expect, openWidgetPage, test } from './support/scripted.ts';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe's violations on the whole page, shadow root included, as readable lines. */
async function violations(page: Page): Promise<string[]> {
  // Only violations are read, so axe need not collect the passes (much faster on a busy machine).
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .options({ resultTypes: ['violations'] })
    .analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) => `${violation.id}: ${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`,
    ),
  );
}

const RICH_REPLY = [
  'Here is **what to do**:',
  '',
  '1. Open [your account](https://shop.example.test/account)',
  '2. Choose *Invoices*',
  '',
  'Use the code `INV-42`, or write to <a href="mailto:help@example.test">help</a>.',
].join('\n');

for (const theme of ['light', 'dark'] as const) {
  test.describe(`axe, WCAG 2.2 AA, ${theme} theme (built bundle)`, () => {
    test.beforeEach(async ({ page }) => {
      // The auto theme would follow the machine; pin the scheme the other way to prove data-theme wins.
      await page.emulateMedia({ colorScheme: theme === 'dark' ? 'light' : 'dark' });
    });

    test('zero violations closed, open, with the menu, with messages, typing, failed and offline', async ({
      page,
      context,
      chat,
    }) => {
      // Seven full axe passes: on a busy 2-core machine they alone can take most of 30 s.
      test.setTimeout(90_000);
      let release = (): void => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      chat.upstream.script({ reply: RICH_REPLY }, { reply: 'Done.', after: held }, { status: 500 });
      await openWidgetPage(page, chat, {
        theme,
        title: 'Help',
        subtitle: 'Usually answers at once',
        greeting: 'Hello! How can I help?',
      });
      const launcher = page.getByRole('button', { name: 'Open chat' });
      await expect(launcher).toBeVisible();
      expect(await violations(page), 'closed').toEqual([]);

      await launcher.click();
      await expect(page.getByRole('dialog', { name: 'Help' })).toBeVisible();
      expect(await violations(page), 'open').toEqual([]);
      await page.getByRole('button', { name: 'More options' }).click();
      await expect(page.getByRole('button', { name: 'New conversation' })).toBeVisible();
      expect(await violations(page), 'menu').toEqual([]);
      await page.keyboard.press('Escape');

      await ask(page, 'How do I get my invoice?');
      await expect(page.getByRole('link', { name: 'your account' })).toBeVisible();
      expect(await violations(page), 'with messages').toEqual([]);

      await ask(page, 'A slow question');
      await expect(page.getByText('Assistant is typing…')).toBeAttached();
      expect(await violations(page), 'typing').toEqual([]);
      release();
      await expect(page.getByRole('log')).toContainText('Done.');

      await ask(page, 'This one fails');
      await expect(page.getByRole('alert')).toContainText('unavailable');
      await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
      expect(await violations(page), 'failed').toEqual([]);

      await context.setOffline(true);
      await ask(page, 'This one waits');
      await expect(page.getByRole('status').filter({ hasText: 'offline' })).toBeVisible();
      expect(await violations(page), 'offline').toEqual([]);
      await context.setOffline(false);
    });

    test('zero violations with starters, timestamps, Copy and feedback chosen', async ({
      page,
      context,
      chat,
    }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: chat.url });
      chat.upstream.script({ reply: 'Use:\n\n```\nnpm start\n```' });
      await openWidgetPage(page, chat, {
        theme,
        feedback: 'true',
        starters: JSON.stringify(['How do I start?', 'Where are the docs?']),
      });
      await page.getByRole('button', { name: 'Open chat' }).click();
      await expect(page.getByRole('group', { name: 'Suggested questions' })).toBeVisible();
      expect(await violations(page), 'starters').toEqual([]);
      await page.getByRole('button', { name: 'How do I start?' }).click();
      await page.getByRole('button', { name: 'Helpful', exact: true }).click();
      await expect(page.getByRole('button', { name: 'Helpful', exact: true })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      await page.getByRole('button', { name: 'Copy code' }).click();
      await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
      expect(await violations(page), 'rated and copied').toEqual([]);
    });

    test('the handoff note', async ({ page, famulorChat }) => {
      famulorChat.upstream.script({ reply: 'A colleague takes over.', handoff: true });
      await openWidgetPage(page, famulorChat, { theme });
      await page.getByRole('button', { name: 'Open chat' }).click();
      await ask(page, 'A human, please');
      await expect(page.getByRole('log')).toContainText('A team member will reply');
      expect(await violations(page)).toEqual([]);
    });
  });
}

test.describe('axe, WCAG 2.2 AA, other layouts (built bundle)', () => {
  test('zero violations on a 375×667 phone, in German, open with messages', async ({
    page,
    chat,
  }) => {
    await page.setViewportSize({ width: 375, height: 667 });
    await openWidgetPage(page, chat, { lang: 'de', greeting: 'Hallo! Wie kann ich helfen?' });
    await page.getByRole('button', { name: 'Chat öffnen' }).click();
    await ask(page, 'Wo ist meine Rechnung?');
    await expect(page.getByRole('log')).toContainText('Reply 1');
    expect(await violations(page)).toEqual([]);
  });
  test('zero violations on a phone with starters, feedback and timestamps, in German', async ({
    page,
    chat,
  }) => {
    await page.setViewportSize({ width: 375, height: 667 });
    await openWidgetPage(page, chat, {
      lang: 'de',
      feedback: 'true',
      starters: JSON.stringify(['Wo ist meine Bestellung?', 'Wie kann ich zurückgeben?']),
    });
    await page.getByRole('button', { name: 'Chat öffnen' }).click();
    await expect(page.getByRole('group', { name: 'Vorgeschlagene Fragen' })).toBeVisible();
    expect(await violations(page), 'starters').toEqual([]);
    await page.getByRole('button', { name: 'Wo ist meine Bestellung?' }).click();
    await page.getByRole('button', { name: 'Nicht hilfreich' }).click();
    await expect(page.getByRole('button', { name: 'Antwort kopieren' })).toBeVisible();
    expect(await violations(page), 'rated').toEqual([]);
  });
  test('zero violations with a pale and a dark data-primary-color, in both themes', async ({
    page,
    chat,
  }) => {
    const looks = [
      ['light', '#ffd700'],
      ['dark', '#202a44'],
    ] as const;
    for (const [index, [theme, color]] of looks.entries()) {
      await openWidgetPage(page, chat, { theme, 'primary-color': color });
      await page.getByRole('button', { name: 'Open chat' }).click();
      await ask(page, `Colours ${color}`);
      await expect(page.getByRole('log')).toContainText(`Reply ${index + 1}`);
      expect(await violations(page), `${theme} ${color}`).toEqual([]);
    }
  });
});

test.describe('axe, WCAG 2.2 AA, inline mode on a help-centre page (built bundle)', () => {
  const layouts = [
    { name: 'light', theme: 'light', lang: 'en', phone: false },
    { name: 'dark', theme: 'dark', lang: 'en', phone: false },
    { name: 'light on a 375×667 phone', theme: 'light', lang: 'en', phone: true },
    { name: 'right to left (ar), dark, on a phone', theme: 'dark', lang: 'ar', phone: true },
  ] as const;
  for (const { name, theme, lang, phone } of layouts) {
    test(`zero violations ${name}: empty, with the menu, with a reply, failed`, async ({
      page,
      chat,
    }) => {
      test.slow();
      if (phone) await page.setViewportSize({ width: 375, height: 667 });
      chat.upstream.script({ reply: RICH_REPLY }, { status: 500 });
      await openHelpCentre(page, chat.url, {
        theme,
        lang,
        title: 'Help',
        starters: JSON.stringify(['Where is my invoice?']),
        feedback: 'true',
      });
      const strings = LOCALES[lang];
      const region = page.getByRole('region', { name: 'Help' });
      await expect(region).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
      await expect(page.getByRole('button', { name: strings.send })).toBeVisible();
      expect(await violations(page), 'empty').toEqual([]);
      await page.getByRole('button', { name: strings.menu }).click();
      await expect(page.getByRole('button', { name: strings.newConversation })).toBeVisible();
      expect(await violations(page), 'menu').toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Where is my invoice?' }).click();
      await expect(page.getByRole('link', { name: 'your account' })).toBeVisible();
      expect(await violations(page), 'reply').toEqual([]);
      const box = page.getByRole('textbox', { name: strings.message });
      await box.fill('This one fails');
      await box.press('Enter');
      await expect(page.getByRole('button', { name: strings.retry })).toBeVisible();
      expect(await violations(page), 'failed').toEqual([]);
      // Still in the page: no close button, the composer in its element.
      await expect(page.getByRole('button', { name: strings.closeChat })).toHaveCount(0);
      await expect(region).toBeVisible();
    });
  }
});

test.describe('screen-reader semantics (built bundle)', () => {
  test('the launcher is named "Open chat" and tells whether the panel is open', async ({
    page,
    chat,
  }) => {
    await openWidgetPage(page, chat);
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await expect(launcher).toHaveAttribute('aria-expanded', 'false');
    await launcher.click();
    await expect(launcher).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('dialog', { name: 'Chat' })).toBeVisible();
    await page.getByRole('button', { name: 'Close chat' }).click();
    await expect(launcher).toHaveAttribute('aria-expanded', 'false');
  });

  test('the log announces completed replies, not the visitor’s own words or the typing', async ({
    page,
    chat,
  }) => {
    let release = (): void => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    chat.upstream.script({ reply: 'The **whole** answer.', after: held });
    await openWidgetPage(page, chat);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const log = page.getByRole('log');
    await expect(log).toHaveAttribute('aria-live', 'polite');
    await expect(log).toHaveAttribute('aria-relevant', 'additions');

    await ask(page, 'A question');
    const mine = log.locator('[part~="user"]');
    await expect(mine).toHaveCount(1);
    // The visitor's message (and its "Sending…") opts out of the live region.
    await expect(mine).toHaveAttribute('aria-live', 'off');
    await expect(mine).toContainText('Sending…');
    // The typing indicator is heard as a sentence, but outside the log: it is not a reply.
    await expect(page.getByText('Assistant is typing…')).toBeAttached();
    await expect(log.getByText('Assistant is typing…')).toHaveCount(0);
    await expect(log.locator('[part~="assistant"]')).toHaveCount(0);

    // From here on, record what changes in the live region outside the visitor's own messages.
    await log.evaluate((element) => {
      const changes: string[] = [];
      (window as unknown as { logChanges: string[] }).logChanges = changes;
      const silent = (node: Node): boolean =>
        (node instanceof Element ? node : node.parentElement)?.closest('[aria-live="off"]') !==
        null;
      new MutationObserver((records) => {
        for (const record of records) {
          if (silent(record.target)) continue;
          for (const node of record.addedNodes) {
            if (silent(node)) continue;
            changes.push(
              `added ${node instanceof Element ? node.getAttribute('part') : node.textContent}`,
            );
          }
          for (const node of record.removedNodes) {
            if (!silent(node)) changes.push(`removed ${node.textContent}`);
          }
          if (record.type === 'characterData') changes.push(`text ${record.target.textContent}`);
        }
      }).observe(element, { childList: true, subtree: true, characterData: true });
    });
    release();
    const reply = log.locator('[part~="assistant"]');
    // The reply is added once, whole: a single new entry carrying all of its text.
    await expect(reply).toHaveCount(1);
    await expect(reply).toHaveText(/The whole answer\./);
    // A second exchange: the earlier reply is not rendered again.
    await ask(page, 'Another question');
    await expect(reply).toHaveCount(2);
    expect(
      await page.evaluate(() => (window as unknown as { logChanges: string[] }).logChanges),
    ).toEqual(['added message assistant', 'added message assistant']);
    await expect(reply.first()).not.toHaveAttribute('aria-live', /.+/);
    await expect(mine).toHaveCount(2);
    await expect(mine.first()).not.toContainText('Sending…');
  });

  test('a failure speaks up through an alert, with a named Retry', async ({ page, chat }) => {
    chat.upstream.script({ status: 500 });
    await openWidgetPage(page, chat);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await ask(page, 'Fails');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The assistant is unavailable right now.');
    await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
  });
});

test.describe('axe, WCAG 2.2 AA, with the teaser shown (built bundle)', () => {
  const looks = [
    { name: 'light', attributes: { theme: 'light' }, size: undefined },
    { name: 'dark', attributes: { theme: 'dark' }, size: undefined },
    { name: 'auto on a dark system', attributes: { theme: 'auto' }, size: undefined },
    {
      name: 'a 375×667 phone, German',
      attributes: { lang: 'de' },
      size: { width: 375, height: 667 },
    },
    {
      name: 'a 375×667 phone, Arabic',
      attributes: { lang: 'ar' },
      size: { width: 375, height: 667 },
    },
  ];
  for (const { name, attributes, size } of looks) {
    test(`zero violations: ${name}`, async ({ page, chat }) => {
      await page.emulateMedia({ colorScheme: 'dark' });
      if (size) await page.setViewportSize(size);
      const text = 'Questions about your order? Ask us.';
      await openWidgetPage(page, chat, { ...attributes, teaser: text, 'teaser-delay-ms': '0' });
      await expect(page.getByRole('button', { name: text })).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });
  }
});
