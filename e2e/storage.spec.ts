import type { BrowserContext, Page } from '@playwright/test';
import {
  ask,
  expect,
  openWidgetPage,
  recordChatRequests,
  test,
  type ScriptedChat,
} from './support/scripted.ts';
import { NO_TRACE, recordWrites, traces } from './support/storage-traces.ts';

/**
 * What the built widget writes to the visitor's device, and where (README, "Privacy and consent"):
 * nothing before the visitor sends a message, then one record in the store the site owner chose
 * with `data-storage`; and on an origin whose storage is nearly full, no message ever leaves the
 * open panel.
 */

/** The key of the conversation with the page's own `/chat`. */
const keyOf = (chat: ScriptedChat): string => `chatlet:v1:${new URL('/chat', chat.url).href}`;

const messagesIn = (page: Page) => page.getByRole('log').locator('[part~="message"]');

/** Opens the panel with a click and waits for the message field. */
async function openPanel(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open chat' }).click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
}

/** Sends `text` in the open panel and waits for the reply numbered `n`. */
async function exchange(page: Page, text: string, n: number): Promise<void> {
  await ask(page, text);
  await expect(page.getByRole('log')).toContainText(`Reply ${n}`);
}

test.describe('no trace before the visitor acts (built bundle)', () => {
  for (const fallbacks of [false, true]) {
    test(`an untouched visit writes nothing to any storage${fallbacks ? ', without BroadcastChannel and Web Locks' : ''}`, async ({
      page,
      chat,
    }) => {
      if (fallbacks) {
        // The fallbacks keep a ping key and a lease in localStorage: still not before a send.
        await page.addInitScript(() => {
          Reflect.deleteProperty(window, 'BroadcastChannel');
          Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined });
        });
      }
      await recordWrites(page);
      // With a teaser: showing it is no reason to write (only closing it is, see e2e/teaser.spec.ts).
      await openWidgetPage(page, chat, { teaser: 'Need help?', 'teaser-delay-ms': '0' });
      await expect(page.getByRole('button', { name: 'Need help?' })).toBeVisible();
      expect(await traces(page)).toEqual(NO_TRACE);
      // Pointing at the launcher runs the whole panel stage (storage opened, tabs linked).
      await page.getByRole('button', { name: 'Open chat' }).hover();
      await expect(page.getByRole('button', { name: 'Open chat' })).toHaveAttribute(
        'aria-expanded',
        'false',
      );
      expect(await traces(page)).toEqual(NO_TRACE);

      // Opening the panel, typing and closing it again is not sending.
      await openPanel(page);
      await page.getByRole('textbox', { name: 'Message' }).fill('Not sent, only typed');
      await page.keyboard.press('Escape');
      await page.reload();
      await page.getByRole('button', { name: 'Open chat' }).hover();
      expect(await traces(page)).toEqual(NO_TRACE);

      await openPanel(page);
      await exchange(page, 'Now I ask', 1);
      const after = await traces(page);
      const ours = (key: string): boolean =>
        key === keyOf(chat) || key.startsWith('chatlet:sync:') || key.startsWith('chatlet:lock:');
      expect(after.local.filter((key) => !key.startsWith('chatlet:sync:'))).toEqual([keyOf(chat)]);
      expect(after.writes.length).toBeGreaterThan(0);
      expect(after.writes.filter((write) => !ours(write.replace(/^local(-remove)?:/, '')))).toEqual(
        [],
      );
      expect({ ...after, local: [], writes: [] }).toEqual(NO_TRACE);
    });
  }
});

/** Opens the widget with `data-storage` in a fresh page of `context`. */
async function widgetIn(context: BrowserContext, chat: ScriptedChat, storage: string) {
  const page = await context.newPage();
  await recordWrites(page);
  await openWidgetPage(page, chat, { storage });
  await openPanel(page);
  return page;
}

test.describe('data-storage: where the conversation is kept (built bundle)', () => {
  const cases = [
    { storage: 'local', reload: true, otherTab: true },
    { storage: 'session', reload: true, otherTab: false },
    { storage: 'memory', reload: false, otherTab: false },
  ] as const;
  for (const { storage, reload, otherTab } of cases) {
    test(`"${storage}": ${reload ? 'kept' : 'gone'} after a reload, ${otherTab ? 'shared with' : 'not in'} another tab, never in a new context`, async ({
      context,
      browser,
      chat,
    }) => {
      const page = await widgetIn(context, chat, storage);
      await exchange(page, `Kept in ${storage}`, 1);

      const held = await traces(page);
      expect(held.local).toEqual(storage === 'local' ? [keyOf(chat)] : []);
      expect(held.session).toEqual(storage === 'session' ? [keyOf(chat)] : []);
      expect(new Set(held.writes)).toEqual(
        new Set(storage === 'memory' ? [] : [`${storage}:${keyOf(chat)}`]),
      );
      expect({ ...held, local: [], session: [], writes: [] }).toEqual(NO_TRACE);

      await page.reload();
      await openPanel(page);
      await expect(messagesIn(page)).toHaveCount(reload ? 2 : 0);

      const other = await widgetIn(context, chat, storage);
      await expect(messagesIn(other)).toHaveCount(otherTab ? 2 : 0);

      const stranger = await browser.newContext();
      try {
        const fresh = await widgetIn(stranger, chat, storage);
        await expect(messagesIn(fresh)).toHaveCount(0);
      } finally {
        await stranger.close();
      }

      // Every mode continues its own conversation: the same features, wherever it is kept.
      await exchange(page, 'Once more', 2);
      expect(chat.upstream.calls.map((call) => call.body['conv_id'])).toEqual([
        undefined,
        reload ? 'conv-1' : undefined,
      ]);
    });
  }

  test('"session": two tabs keep two conversations; neither resets, mirrors or blocks the other', async ({
    context,
    chat,
  }) => {
    const requests = recordChatRequests(context);
    const first = await widgetIn(context, chat, 'session');
    const second = await widgetIn(context, chat, 'session');
    await exchange(first, 'Only in the first tab', 1);
    await exchange(second, 'Only in the second tab', 2);
    await expect(messagesIn(first)).toHaveText([/Only in the first tab/, /Reply 1/]);
    await expect(messagesIn(second)).toHaveText([/Only in the second tab/, /Reply 2/]);

    // Queued in both while offline: each tab sends its own once back online (no shared lock).
    await context.setOffline(true);
    await ask(first, 'Queued in the first');
    await ask(second, 'Queued in the second');
    await context.setOffline(false);
    await expect(first.getByRole('log')).toContainText(/Reply [34]/);
    await expect(second.getByRole('log')).toContainText(/Reply [34]/);
    expect(requests.map((body) => body['text']).sort()).toEqual([
      'Only in the first tab',
      'Only in the second tab',
      'Queued in the first',
      'Queued in the second',
    ]);

    await first.getByRole('button', { name: 'More options' }).click();
    await first.getByRole('button', { name: 'New conversation' }).click();
    await expect(messagesIn(first)).toHaveCount(0);
    await exchange(second, 'Still here', 5);
    await expect(messagesIn(second)).toHaveCount(6);
    await expect(messagesIn(first)).toHaveCount(0);
  });
});

/**
 * Fills the origin's localStorage until fewer than `room` characters are left (to 64 characters),
 * as a host page with large data of its own does. Returns how many characters it stored.
 */
async function fillStorage(page: Page, room: number): Promise<number> {
  return page.evaluate((room) => {
    let size = 1 << 20;
    let index = 0;
    let stored = 0;
    while (size >= 64) {
      try {
        localStorage.setItem(`host:data:${index}`, 'x'.repeat(size));
        index += 1;
        stored += size;
      } catch {
        size = Math.floor(size / 2);
      }
    }
    // Full to 64 characters: give back `room`, from the last (smallest) items on.
    let freed = 0;
    while (freed < room && index > 0) {
      index -= 1;
      const key = `host:data:${index}`;
      freed += localStorage.getItem(key)?.length ?? 0;
      localStorage.removeItem(key);
    }
    localStorage.setItem(`host:data:${index}`, 'x'.repeat(freed - room));
    return stored - room;
  }, room);
}

test.describe('a storage that is nearly full (built bundle)', () => {
  test('the panel keeps every message; storage keeps the newest that fit; the warning says so', async ({
    page,
    chat,
  }) => {
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning' && message.text().startsWith('Chatlet')) {
        warnings.push(message.text());
      }
    });
    await openWidgetPage(page, chat);
    const filled = await fillStorage(page, 3000);
    await openPanel(page);

    const questions = Array.from(
      { length: 8 },
      (_, i) => `Question ${i + 1}: ${'about my order and its delivery, '.repeat(8)}`,
    );
    for (const [i, question] of questions.entries()) await exchange(page, question, i + 1);

    const shown = await messagesIn(page).allInnerTexts();
    expect(shown).toHaveLength(16);
    expect(shown[0]).toContain('Question 1:');
    questions.forEach((question, i) => {
      expect(shown[2 * i]).toContain(`Question ${i + 1}:`);
      expect(shown[2 * i + 1]).toContain(`Reply ${i + 1}`);
    });

    const stored = await page.evaluate(
      (key) =>
        (
          JSON.parse(localStorage.getItem(key) ?? '{"messages":[]}') as {
            messages: Array<{ role: string; text: string }>;
          }
        ).messages,
      keyOf(chat),
    );
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(16);
    expect(stored[0]?.role).toBe('user');
    expect(stored.at(-1)?.text).toBe('Reply 8');
    expect(warnings).toEqual([
      expect.stringMatching(
        /storage is full \(QuotaExceededError\), so only the newest messages are saved; the panel still shows them all/,
      ),
    ]);
    console.log(
      `near-full storage (${filled} host characters, ~3,000 left): panel shows ${shown.length} messages, storage keeps the newest ${stored.length}`,
    );

    // The warning's promise: a reload shows the saved ones, whole exchanges, newest last.
    await page.reload();
    await openPanel(page);
    await expect(messagesIn(page)).toHaveCount(stored.length);
    await expect(messagesIn(page).first()).toContainText(stored[0]?.text.slice(0, 12) ?? '');
    await exchange(page, 'And after the reload?', 9);
    expect(chat.upstream.calls.at(-1)?.body['conv_id']).toBe('conv-1');
  });
});
