import type { Page } from '@playwright/test';
import { expect, openWidgetPage, test } from './support/scripted.ts';

declare global {
  interface Window {
    /** What the test's listeners heard, in order. */
    heard?: unknown[];
  }
}

/** Waits for the script tag's API. */
async function widgetReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.Chatlet !== undefined);
}

/** Subscribes to `events` through the API; what they carry lands in `window.heard`. */
async function listen(page: Page, events: string[]): Promise<void> {
  await page.evaluate((names) => {
    window.heard ??= [];
    for (const name of names as Array<'open' | 'close' | 'message' | 'error' | 'ready'>) {
      window.Chatlet?.on(name, (payload: unknown) => window.heard?.push([name, payload ?? null]));
    }
  }, events);
}

const heard = (page: Page) => page.evaluate(() => window.heard ?? []);

/** Calls an API method in the page and returns the message of what it threw, if anything. */
function thrownBy(
  page: Page,
  call: string,
): Promise<{ name: string; code: unknown; message: string } | null> {
  return page.evaluate((source) => {
    try {
      // The method and its argument come from the test: no string is evaluated as code.
      const [method, argument] = JSON.parse(source) as [string, unknown];
      (window.Chatlet as unknown as Record<string, (value: unknown) => void>)[method]?.(argument);
      return null;
    } catch (error) {
      const { name, message, code } = error as { name: string; message: string; code: unknown };
      return { name, message, code };
    }
  }, call);
}

test.describe('window.Chatlet (built bundle)', () => {
  test('announces itself with a chatlet:ready event and the ready event', async ({
    page,
    chat,
  }) => {
    await openWidgetPage(
      page,
      chat,
      {},
      {
        head: `<script>
          window.heard = [];
          window.addEventListener('chatlet:ready', (event) => {
            window.heard.push(['chatlet:ready', event.detail === window.Chatlet]);
          });
        </script>`,
      },
    );
    await widgetReady(page);
    await expect.poll(() => heard(page)).toEqual([['chatlet:ready', true]]);
    // A late subscriber to `ready` still hears it, once; the subscription returns its unsubscribe.
    const unsubscribeType = await page.evaluate(
      () => typeof window.Chatlet?.on('ready', () => window.heard?.push(['ready', null])),
    );
    expect(unsubscribeType).toBe('function');
    await expect
      .poll(() => heard(page))
      .toEqual([
        ['chatlet:ready', true],
        ['ready', null],
      ]);
  });

  test('calls made at once in the chatlet:ready listener wait for the panel and then act', async ({
    page,
    chat,
  }) => {
    await openWidgetPage(
      page,
      chat,
      {},
      {
        head: `<script>
          window.heard = [];
          window.addEventListener('chatlet:ready', (event) => {
            const chatlet = event.detail;
            chatlet.on('open', () => window.heard.push(['open', null]));
            chatlet.on('message', (message) => window.heard.push(['message', message.role]));
            chatlet.setKbTopic('early');
            chatlet.open();
            chatlet.send('Sent before the panel loaded');
          });
        </script>`,
      },
    );
    await expect(page.getByRole('dialog')).toBeVisible();
    await expect(page.getByRole('log')).toContainText('Reply 1');
    await expect
      .poll(() => heard(page))
      .toEqual([
        ['open', null],
        ['message', 'user'],
        ['message', 'assistant'],
      ]);
    expect(chat.upstream.calls[0]?.body).toMatchObject({
      text: 'Sent before the panel loaded',
      client_metadata: { kb_topic: 'early' },
    });
  });

  test('open, close and toggle drive the panel, move focus, and fire open/close', async ({
    page,
    chat,
  }) => {
    await openWidgetPage(page, chat);
    await widgetReady(page);
    await listen(page, ['open', 'close']);
    const dialog = page.getByRole('dialog');
    const launcher = page.getByRole('button', { name: 'Open chat' });

    await page.evaluate(() => window.Chatlet?.open());
    await expect(dialog).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
    await page.evaluate(() => window.Chatlet?.close());
    await expect(dialog).toBeHidden();
    await expect(launcher).toBeFocused();
    await page.evaluate(() => window.Chatlet?.toggle());
    await expect(dialog).toBeVisible();
    await page.evaluate(() => window.Chatlet?.toggle());
    await expect(dialog).toBeHidden();
    await expect
      .poll(() => heard(page))
      .toEqual([
        ['open', null],
        ['close', null],
        ['open', null],
        ['close', null],
      ]);

    // Unsubscribed listeners hear nothing more.
    await page.evaluate(() => {
      const off = window.Chatlet?.on('open', () => window.heard?.push(['unsubscribed', null]));
      off?.();
      window.Chatlet?.open();
    });
    await expect(dialog).toBeVisible();
    await expect.poll(() => heard(page)).toHaveLength(5);
    expect((await heard(page)).at(-1)).toEqual(['open', null]);
  });

  test('send() sends like the visitor, fires message for both sides, refuses over-long text', async ({
    page,
    chat,
  }) => {
    await openWidgetPage(page, chat);
    await widgetReady(page);
    await listen(page, ['message']);
    await page.evaluate(() => window.Chatlet?.send('   '));
    await page.evaluate(() => window.Chatlet?.send('Hello from the page'));
    await expect.poll(() => heard(page)).toHaveLength(2);
    const [first, second] = (await heard(page)) as Array<[string, Record<string, unknown>]>;
    const question = first?.[1];
    const answer = second?.[1];
    expect(question).toMatchObject({ role: 'user', text: 'Hello from the page' });
    expect(question?.['id']).toEqual(expect.any(String));
    expect(question?.['at']).toEqual(expect.any(Number));
    expect(answer).toMatchObject({ role: 'assistant', text: 'Reply 1' });
    // The blank text was ignored: one call only.
    expect(chat.upstream.calls.map((call) => call.body['text'])).toEqual(['Hello from the page']);

    const tooLong = await thrownBy(page, JSON.stringify(['send', 'x'.repeat(4001)]));
    expect(tooLong).toMatchObject({ name: 'ChatletError', code: 'config' });
    expect(tooLong?.message).toContain('4000');
    await page.evaluate(() => window.Chatlet?.open());
    await expect(page.getByRole('log')).toContainText('Hello from the page');
    await expect(page.getByRole('log').locator('[part~="user"]')).toHaveCount(1);
  });

  test('the error event carries a ChatletError for a message that failed', async ({
    page,
    chat,
  }) => {
    chat.upstream.script({ status: 500 });
    await openWidgetPage(page, chat);
    await widgetReady(page);
    await page.evaluate(() => {
      window.heard = [];
      window.Chatlet?.on('error', (error) =>
        window.heard?.push({ name: error.name, code: error.code, status: error.status }),
      );
      window.Chatlet?.send('This fails');
    });
    await expect
      .poll(() => heard(page))
      .toEqual([{ name: 'ChatletError', code: 'upstream', status: 502 }]);
  });

  test('reset() forgets the conversation: the next message starts a new one', async ({
    page,
    chat,
  }) => {
    await openWidgetPage(page, chat);
    await widgetReady(page);
    await page.evaluate(() => window.Chatlet?.send('First'));
    await expect.poll(() => chat.upstream.calls.length).toBe(1);
    await page.evaluate(() => window.Chatlet?.send('Second'));
    await expect.poll(() => chat.upstream.calls.length).toBe(2);
    await page.evaluate(() => window.Chatlet?.open());
    await expect(page.getByRole('log')).toContainText('Reply 2');

    await page.evaluate(() => window.Chatlet?.reset());
    await expect(page.getByRole('log').locator('[part~="message"]')).toHaveCount(0);
    expect(
      await page.evaluate(() =>
        Object.keys(localStorage).filter((key) => key.startsWith('chatlet:')),
      ),
    ).toEqual([]);
    await page.evaluate(() => window.Chatlet?.send('Third'));
    await expect(page.getByRole('log')).toContainText('Reply 3');
    expect(chat.upstream.calls.map((call) => call.body['conv_id'])).toEqual([
      undefined,
      'conv-1',
      undefined,
    ]);
  });

  test('setKbTopic, setMessageContext and setMetadata shape the next calls', async ({
    page,
    chat,
  }) => {
    await openWidgetPage(page, chat, { 'kb-topic': 'billing' });
    await widgetReady(page);
    const sendAndWait = async (text: string): Promise<Record<string, unknown>> => {
      const count = chat.upstream.calls.length;
      await page.evaluate((message) => window.Chatlet?.send(message), text);
      await expect.poll(() => chat.upstream.calls.length).toBe(count + 1);
      return chat.upstream.calls[count]!.body;
    };

    expect((await sendAndWait('One'))['client_metadata']).toEqual({ kb_topic: 'billing' });
    await page.evaluate(() => {
      window.Chatlet?.setKbTopic('shipping');
      window.Chatlet?.setMessageContext('Cart: 2 items, total 40 EUR');
      window.Chatlet?.setMetadata({ plan: 'pro', seats: 3 });
    });
    const two = await sendAndWait('Two');
    expect(two['client_metadata']).toEqual({ kb_topic: 'shipping', plan: 'pro', seats: 3 });
    expect(two['message_context']).toBe('Cart: 2 items, total 40 EUR');

    const tooLong = await thrownBy(page, JSON.stringify(['setMessageContext', 'x'.repeat(1001)]));
    expect(tooLong).toMatchObject({ name: 'ChatletError', code: 'config' });
    expect(tooLong?.message).toMatch(/setMessageContext.*1001.*1000/);
    await page.evaluate(() => {
      window.Chatlet?.setKbTopic(undefined);
      window.Chatlet?.setMessageContext(undefined);
      window.Chatlet?.setMetadata({});
    });
    const three = await sendAndWait('Three');
    // The refused context did not replace the one before; clearing removed it; the topic is back
    // to the script tag's.
    expect(three['client_metadata']).toEqual({ kb_topic: 'billing' });
    expect(three).not.toHaveProperty('message_context');
  });

  test('destroy() removes the widget and its listeners; twice is safe; a new script tag starts again', async ({
    page,
    chat,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    let release = (): void => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    chat.upstream.script({ reply: 'Too late', after: held });
    await openWidgetPage(page, chat);
    await widgetReady(page);
    await listen(page, ['message', 'close']);
    await page.evaluate(() => window.Chatlet?.send('In flight while destroyed'));
    await expect.poll(() => chat.upstream.calls.length).toBe(1);

    await page.evaluate(() => {
      const handle = window.Chatlet;
      handle?.destroy();
      handle?.destroy();
    });
    await expect(page.locator('chatlet-widget')).toHaveCount(0);
    expect(await page.evaluate(() => window.Chatlet === undefined)).toBe(true);
    const heardBefore = (await heard(page)).length;
    // The answer to the request in flight, and online/offline/storage events, find nobody.
    release();
    await page.evaluate(() => {
      window.dispatchEvent(new Event('offline'));
      window.dispatchEvent(new Event('online'));
    });
    await expect.poll(() => chat.upstream.calls.length).toBe(1);
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    expect((await heard(page)).length).toBe(heardBefore);

    // A second script tag brings the widget back, working.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.src = '/chatlet.js';
      script.dataset['endpoint'] = '/chat';
      document.body.append(script);
    });
    await widgetReady(page);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await expect(page.locator('chatlet-widget')).toHaveCount(1);
    await expect(page.getByRole('log')).toContainText('In flight while destroyed');
    expect(errors).toEqual([]);
  });
  test('mounting and destroying again and again leaves no listener behind', async ({
    page,
    chat,
  }) => {
    await openWidgetPage(page, chat);
    await widgetReady(page);
    const cdp = await page.context().newCDPSession(page);
    /** The event listeners on window and document, by type, as DevTools lists them. */
    const listeners = async (): Promise<string[]> => {
      const types: string[] = [];
      for (const expression of ['window', 'document']) {
        const { result } = await cdp.send('Runtime.evaluate', { expression });
        const { listeners: found } = await cdp.send('DOMDebugger.getEventListeners', {
          objectId: result.objectId!,
        });
        types.push(...found.map((listener) => `${expression}:${listener.type}`));
      }
      return types.sort();
    };
    const mount = async (): Promise<void> => {
      await page.evaluate(() => {
        const script = document.createElement('script');
        script.src = '/chatlet.js';
        script.dataset['endpoint'] = '/chat';
        document.body.append(script);
      });
      await widgetReady(page);
      // The panel stage too: it is what registers online/offline and the tab link.
      await page.evaluate(() => window.Chatlet?.open());
      await expect(page.getByRole('dialog')).toBeVisible();
    };
    const destroy = async (): Promise<void> => {
      await page.evaluate(() => window.Chatlet?.destroy());
      await expect(page.locator('chatlet-widget')).toHaveCount(0);
    };

    await page.evaluate(() => window.Chatlet?.open());
    await expect(page.getByRole('dialog')).toBeVisible();
    const mounted = await listeners();
    await destroy();
    const gone = await listeners();
    expect(gone.length).toBeLessThan(mounted.length);
    for (let round = 0; round < 3; round++) {
      await mount();
      expect(await listeners()).toEqual(mounted);
      await destroy();
      expect(await listeners()).toEqual(gone);
    }
  });
});

test.describe('page-derived metadata (built bundle)', () => {
  test('kb_topic: setKbTopic › meta tag › element › data-kb-topic, re-read at every send', async ({
    page,
    chat,
  }) => {
    await openWidgetPage(
      page,
      chat,
      { 'kb-topic': 'billing' },
      {
        head: '<meta name="chatlet:kb-topic" content="returns">',
        body: '<section data-chatlet-kb-topic="sizes">Size guide</section>',
      },
    );
    await widgetReady(page);
    const topics: unknown[] = [];
    const sendAndWait = async (text: string): Promise<void> => {
      const count = chat.upstream.calls.length;
      await page.evaluate((message) => window.Chatlet?.send(message), text);
      await expect.poll(() => chat.upstream.calls.length).toBe(count + 1);
      topics.push(
        (chat.upstream.calls[count]?.body['client_metadata'] as Record<string, unknown>)?.[
          'kb_topic'
        ],
      );
    };

    await sendAndWait('meta');
    // An SPA route change: the meta tag's content changes between two sends.
    await page.evaluate(() =>
      document.querySelector('meta[name="chatlet:kb-topic"]')?.setAttribute('content', 'warranty'),
    );
    await sendAndWait('changed meta');
    await page.evaluate(() => window.Chatlet?.setKbTopic('vip'));
    await sendAndWait('api');
    await page.evaluate(() => {
      window.Chatlet?.setKbTopic(undefined);
      document.querySelector('meta[name="chatlet:kb-topic"]')?.remove();
    });
    await sendAndWait('element');
    await page.evaluate(() => document.querySelector('[data-chatlet-kb-topic]')?.remove());
    await sendAndWait('attribute');
    expect(topics).toEqual(['returns', 'warranty', 'vip', 'sizes', 'billing']);
  });

  test('once a conversation carried kb_topic, every later call carries the key', async ({
    page,
    chat,
  }) => {
    await openWidgetPage(page, chat);
    await widgetReady(page);
    const metadataOf = async (text: string): Promise<unknown> => {
      const count = chat.upstream.calls.length;
      await page.evaluate((message) => window.Chatlet?.send(message), text);
      await expect.poll(() => chat.upstream.calls.length).toBe(count + 1);
      return chat.upstream.calls[count]?.body['client_metadata'];
    };
    expect(await metadataOf('no topic yet')).toBeUndefined();
    await page.evaluate(() => window.Chatlet?.setKbTopic('billing'));
    expect(await metadataOf('with topic')).toEqual({ kb_topic: 'billing' });
    await page.evaluate(() => window.Chatlet?.setKbTopic(undefined));
    expect(await metadataOf('topic gone')).toEqual({ kb_topic: '' });
    // Also after a reload: the proxy's conversation token remembers that it carried the key.
    await page.reload();
    await widgetReady(page);
    expect(await metadataOf('after reload')).toEqual({ kb_topic: '' });
    expect(chat.upstream.calls.at(-1)?.body['conv_id']).toBe('conv-1');
  });

  test('data-page-fields adds page facts; over five keys the extras are dropped with one warning', async ({
    page,
    chat,
  }) => {
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await openWidgetPage(
      page,
      chat,
      {
        'kb-topic': 'billing',
        'page-fields': 'path,title,lang',
        metadata: JSON.stringify({ plan: 'pro', tier: 'gold', region: 'eu' }),
      },
      { path: '/shop/checkout.html' },
    );
    await widgetReady(page);
    for (const [index, text] of ['One', 'Two'].entries()) {
      await page.evaluate((message) => window.Chatlet?.send(message), text);
      await expect.poll(() => chat.upstream.calls.length).toBe(index + 1);
    }
    const expected = {
      kb_topic: 'billing',
      page_path: '/shop/checkout.html',
      page_title: 'E2E host page',
      page_lang: 'en',
      plan: 'pro',
    };
    expect(chat.upstream.calls.map((call) => call.body['client_metadata'])).toEqual([
      expected,
      expected,
    ]);
    const capWarnings = warnings.filter((text) => text.includes('client_metadata'));
    expect(capWarnings).toHaveLength(1);
    expect(capWarnings[0]).toContain('tier');
    expect(capWarnings[0]).toContain('region');
  });

  test('data-message-context reaches the upstream as message_context', async ({ page, chat }) => {
    await openWidgetPage(page, chat, { 'message-context': 'Visitor is on the pricing page' });
    await widgetReady(page);
    await page.evaluate(() => window.Chatlet?.send('How much?'));
    await expect.poll(() => chat.upstream.calls.length).toBe(1);
    expect(chat.upstream.calls[0]?.body['message_context']).toBe('Visitor is on the pricing page');
  });
});
