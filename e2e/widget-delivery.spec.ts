import type { Page } from '@playwright/test';
import {
  ask,
  expect,
  openWidgetPage,
  recordChatRequests,
  serveBundleFromDisk,
  test,
  type ScriptedChat,
} from './support/scripted.ts';

/** Opens the widget page and its panel; resolves once the message field has focus. */
async function openChat(
  page: Page,
  chat: ScriptedChat,
  attributes: Record<string, string> = {},
): Promise<void> {
  await openWidgetPage(page, chat, attributes);
  await page.getByRole('button', { name: 'Open chat' }).click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
}

/** The visitor's message with this text, as one entry of the log. */
const myMessage = (page: Page, text: string) =>
  page.getByRole('log').locator('[part~="user"]').filter({ hasText: text });

const messagesIn = (page: Page) => page.getByRole('log').locator('[part~="message"]');

test.describe('delivery: nothing lost, nothing doubled (built bundle)', () => {
  test('offline, a message waits as queued and is sent by itself once back online', async ({
    page,
    context,
    chat,
  }) => {
    const requests = recordChatRequests(context);
    await openChat(page, chat);
    await context.setOffline(true);
    await ask(page, 'Sent while offline');
    await expect(myMessage(page, 'Sent while offline')).toContainText('Waiting to send');
    await expect(page.getByRole('status').filter({ hasText: 'offline' })).toContainText(
      'You are offline',
    );
    expect(requests).toHaveLength(0);

    await context.setOffline(false);
    await expect(page.getByRole('log')).toContainText('Reply 1');
    await expect(myMessage(page, 'Sent while offline')).not.toContainText('Waiting to send');
    await expect(page.getByText('You are offline')).toHaveCount(0);
    // One more exchange settles anything still under way; the queued message went out once.
    await ask(page, 'And now online');
    await expect(page.getByRole('log')).toContainText('Reply 2');
    expect(requests.map((body) => body['text'])).toEqual(['Sent while offline', 'And now online']);
    expect(chat.upstream.calls.map((call) => call.body['text'])).toEqual([
      'Sent while offline',
      'And now online',
    ]);
  });

  test('a failed message has its own Retry, which resends it under the same client_message_id', async ({
    page,
    context,
    chat,
  }) => {
    const requests = recordChatRequests(context);
    chat.upstream.script({ status: 500 });
    await openChat(page, chat);
    await ask(page, 'Please answer');
    const failed = myMessage(page, 'Please answer');
    await expect(failed.getByRole('alert')).toContainText(
      'The assistant is unavailable right now.',
    );
    await expect(page.getByRole('log')).not.toContainText('Reply');

    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('log')).toContainText('Reply 2');
    await expect(failed.getByRole('alert')).toHaveCount(0);
    await expect(failed.getByRole('button', { name: 'Retry' })).toHaveCount(0);
    expect(requests).toHaveLength(2);
    expect(requests[0]?.['client_message_id']).toEqual(expect.any(String));
    expect(requests[1]?.['client_message_id']).toBe(requests[0]?.['client_message_id']);
    expect(requests[1]?.['text']).toBe('Please answer');
  });

  test('a queued message survives a reload and is sent once back online', async ({
    page,
    context,
    chat,
  }) => {
    const requests = recordChatRequests(context);
    await serveBundleFromDisk(page);
    await openChat(page, chat);
    await context.setOffline(true);
    await ask(page, 'Queued before the reload');
    await expect(myMessage(page, 'Queued before the reload')).toContainText('Waiting to send');

    // The page and the bundle come through Playwright's routes: they reload with the network down.
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect(myMessage(page, 'Queued before the reload')).toContainText('Waiting to send');
    expect(requests).toHaveLength(0);

    await context.setOffline(false);
    await expect(page.getByRole('log')).toContainText('Reply 1');
    await ask(page, 'After the reload');
    await expect(page.getByRole('log')).toContainText('Reply 2');
    expect(requests.map((body) => body['text'])).toEqual([
      'Queued before the reload',
      'After the reload',
    ]);
  });

  test('a failed message survives a reload with its Retry and its client_message_id', async ({
    page,
    context,
    chat,
  }) => {
    const requests = recordChatRequests(context);
    chat.upstream.script({ status: 500 });
    await openChat(page, chat);
    await ask(page, 'Failed before the reload');
    await expect(myMessage(page, 'Failed before the reload').getByRole('alert')).toBeVisible();

    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    const failed = myMessage(page, 'Failed before the reload');
    await expect(failed.getByRole('alert')).toContainText('Not sent');
    expect(requests).toHaveLength(1);
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('log')).toContainText('Reply 2');
    expect(requests).toHaveLength(2);
    expect(requests[1]?.['client_message_id']).toBe(requests[0]?.['client_message_id']);
  });

  test('the history is capped at data-history-limit messages', async ({ page, chat }) => {
    await openChat(page, chat, { 'history-limit': '4' });
    for (const [index, text] of ['First', 'Second', 'Third'].entries()) {
      await ask(page, text);
      await expect(page.getByRole('log')).toContainText(`Reply ${index + 1}`);
    }
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect(messagesIn(page)).toHaveText([/Second/, /Reply 2/, /Third/, /Reply 3/]);
    const stored = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith('chatlet:'))
        .map((key) => (JSON.parse(localStorage.getItem(key) ?? '{}') as { messages: [] }).messages),
    );
    expect(stored.map((messages) => messages.length)).toEqual([4]);
  });

  test('"New conversation" in the panel menu clears the stored conversation', async ({
    page,
    chat,
  }) => {
    await openChat(page, chat);
    await ask(page, 'Before');
    await expect(page.getByRole('log')).toContainText('Reply 1');
    await ask(page, 'Still the same conversation');
    await expect(page.getByRole('log')).toContainText('Reply 2');

    await page.getByRole('button', { name: 'More options' }).click();
    await page.getByRole('button', { name: 'New conversation' }).click();
    await expect(messagesIn(page)).toHaveCount(0);
    const stored = await page.evaluate(() =>
      Object.keys(localStorage).filter((key) => key.startsWith('chatlet:')),
    );
    expect(stored).toEqual([]);

    await ask(page, 'After');
    await expect(page.getByRole('log')).toContainText('Reply 3');
    const convIds = chat.upstream.calls.map((call) => call.body['conv_id']);
    expect(convIds).toEqual([undefined, 'conv-1', undefined]);
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect(messagesIn(page)).toHaveText([/After/, /Reply 3/]);
  });
});

test.describe('delivery: failures and storage (built bundle)', () => {
  test('a timeout fails the message; its Retry joins the same request instead of doubling it', async ({
    page,
    context,
    chat,
  }) => {
    const requests = recordChatRequests(context);
    let release = (): void => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    chat.upstream.script({ reply: 'The late answer', after: held });
    await openChat(page, chat, { 'timeout-ms': '1000' });
    await ask(page, 'Slow one');
    const failed = myMessage(page, 'Slow one');
    await expect(failed.getByRole('alert')).toContainText('The assistant took too long to answer.');

    await failed.getByRole('button', { name: 'Retry' }).click();
    release();
    await expect(page.getByRole('log')).toContainText('The late answer');
    expect(requests).toHaveLength(2);
    expect(requests[1]?.['client_message_id']).toBe(requests[0]?.['client_message_id']);
    // The proxy recognised the id: the assistant was asked once.
    expect(chat.upstream.calls).toHaveLength(1);
  });

  test('a message in flight when the page reloads is sent again under its id and answered once', async ({
    page,
    context,
    chat,
  }) => {
    const requests = recordChatRequests(context);
    let release = (): void => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    chat.upstream.script({ reply: 'Worth the wait', after: held });
    await openChat(page, chat);
    await ask(page, 'Interrupted by a reload');
    await expect.poll(() => chat.upstream.calls.length).toBe(1);

    await page.reload();
    // An untouched page runs only the loader: the panel, and with it the outbox, wakes on the
    // visitor's return to the launcher.
    await page.getByRole('button', { name: 'Open chat' }).hover();
    await expect.poll(() => requests.length).toBe(2);
    release();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect(page.getByRole('log')).toContainText('Worth the wait');
    await expect(myMessage(page, 'Interrupted by a reload')).toHaveCount(1);
    expect(requests[1]?.['client_message_id']).toBe(requests[0]?.['client_message_id']);
    expect(chat.upstream.calls).toHaveLength(1);
  });

  test('a busy assistant says how long to wait, and the Retry then goes through', async ({
    page,
    chat,
  }) => {
    chat.upstream.script({ status: 429, headers: { 'retry-after': '30' } });
    await openChat(page, chat);
    await ask(page, 'Busy now?');
    const failed = myMessage(page, 'Busy now?');
    await expect(failed.getByRole('alert')).toContainText(
      'The assistant is busy. Please try again in 30 s.',
    );
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('log')).toContainText('Reply 2');
  });

  test('a network failure while online fails the message with a Retry', async ({ page, chat }) => {
    await openChat(page, chat);
    await page.route('**/chat', (route) => route.abort('connectionreset'), { times: 1 });
    await ask(page, 'Lost on the way');
    const failed = myMessage(page, 'Lost on the way');
    await expect(failed.getByRole('alert')).toContainText('The assistant could not be reached.');
    expect(chat.upstream.calls).toHaveLength(0);
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('log')).toContainText('Reply 1');
    await expect(failed.getByRole('alert')).toHaveCount(0);
  });

  test('with localStorage blocked the conversation lives in sessionStorage, with one warning', async ({
    page,
    chat,
  }) => {
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    // Chrome with cookies blocked throws on merely reading window.localStorage.
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    await openChat(page, chat);
    await ask(page, 'Kept for this tab');
    await expect(page.getByRole('log')).toContainText('Reply 1');
    // One warning for the page view, however often storage is used.
    expect(warnings.filter((text) => text.includes('sessionStorage'))).toHaveLength(1);
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect(page.getByRole('log')).toContainText('Kept for this tab');
    await ask(page, 'Same conversation');
    await expect(page.getByRole('log')).toContainText('Reply 2');
    expect(chat.upstream.calls.map((call) => call.body['conv_id'])).toEqual([undefined, 'conv-1']);
  });

  test('with all storage blocked the widget still chats, in memory', async ({ page, chat }) => {
    await page.addInitScript(() => {
      for (const name of ['localStorage', 'sessionStorage']) {
        Object.defineProperty(window, name, {
          get() {
            throw new DOMException('The operation is insecure.', 'SecurityError');
          },
        });
      }
    });
    await openChat(page, chat);
    await ask(page, 'Hello');
    await expect(page.getByRole('log')).toContainText('Reply 1');
    await ask(page, 'Again');
    await expect(page.getByRole('log')).toContainText('Reply 2');
    expect(chat.upstream.calls.map((call) => call.body['conv_id'])).toEqual([undefined, 'conv-1']);
  });
});

test.describe('delivery across tabs: two pages of one browser context (built bundle)', () => {
  test('a message sent in one tab appears in the other', async ({ context, chat }) => {
    const first = await context.newPage();
    const second = await context.newPage();
    await openChat(first, chat);
    await openChat(second, chat);

    await ask(first, 'Typed in the first tab');
    await expect(second.getByRole('log')).toContainText('Typed in the first tab');
    await expect(second.getByRole('log')).toContainText('Reply 1');

    await ask(second, 'Typed in the second tab');
    await expect(first.getByRole('log')).toContainText('Typed in the second tab');
    await expect(first.getByRole('log')).toContainText('Reply 2');
    // The second tab continued the first tab's conversation.
    expect(chat.upstream.calls.map((call) => call.body['conv_id'])).toEqual([undefined, 'conv-1']);
  });

  test('a message queued while offline is sent once, not once per tab', async ({
    context,
    chat,
  }) => {
    const requests = recordChatRequests(context);
    const first = await context.newPage();
    const second = await context.newPage();
    await openChat(first, chat);
    await openChat(second, chat);
    await context.setOffline(true);
    await ask(first, 'Queued with two tabs open');
    await expect(myMessage(second, 'Queued with two tabs open')).toContainText('Waiting to send');

    await context.setOffline(false);
    await expect(first.getByRole('log')).toContainText('Reply 1');
    await expect(second.getByRole('log')).toContainText('Reply 1');
    await expect(myMessage(second, 'Queued with two tabs open')).not.toContainText(
      'Waiting to send',
    );
    // One more exchange from the other tab: it must find the queued message already delivered.
    await ask(second, 'Then the second tab');
    await expect(first.getByRole('log')).toContainText('Reply 2');
    expect(requests.map((body) => body['text'])).toEqual([
      'Queued with two tabs open',
      'Then the second tab',
    ]);
    expect(chat.upstream.calls).toHaveLength(2);
  });

  test('"New conversation" in one tab clears the conversation in the other', async ({
    context,
    chat,
  }) => {
    const first = await context.newPage();
    const second = await context.newPage();
    await openChat(first, chat);
    await openChat(second, chat);
    await ask(first, 'Soon forgotten');
    await expect(second.getByRole('log')).toContainText('Reply 1');

    await first.getByRole('button', { name: 'More options' }).click();
    await first.getByRole('button', { name: 'New conversation' }).click();
    await expect(messagesIn(second)).toHaveCount(0);
    await ask(second, 'A fresh start');
    await expect(first.getByRole('log')).toContainText('Reply 2');
    expect(chat.upstream.calls.map((call) => call.body['conv_id'])).toEqual([undefined, undefined]);
  });

  test('without BroadcastChannel the storage event links the tabs', async ({ context, chat }) => {
    await context.addInitScript(() => {
      Reflect.deleteProperty(window, 'BroadcastChannel');
    });
    const first = await context.newPage();
    const second = await context.newPage();
    await openChat(first, chat);
    await openChat(second, chat);
    expect(await first.evaluate(() => 'BroadcastChannel' in window)).toBe(false);
    await ask(first, 'Through storage events');
    await expect(second.getByRole('log')).toContainText('Through storage events');
    await expect(second.getByRole('log')).toContainText('Reply 1');
  });
});
