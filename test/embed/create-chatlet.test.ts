import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isChatletError } from '../../src/core/errors.ts';
import {
  createChatlet,
  loadChatletPanel,
  type ChatletHandle,
  type CreateChatletOptions,
  type StringOverrides,
} from '../../src/embed/index.ts';
import { FakeClient, localeFromSources, memoryStorage, sequentialIds } from '../ui/fakes.ts';
import { wholeDrawing } from '../ui/whole-drawing.ts';
import { inWidget, settle } from './helpers.ts';

const handles: ChatletHandle[] = [];

function mount(options: Partial<CreateChatletOptions> = {}) {
  const client = new FakeClient();
  const storage = memoryStorage();
  const handle = createChatlet(
    { endpoint: 'https://proxy.test/chat', ...options },
    { client, storage, newId: sequentialIds(), loadLocale: localeFromSources },
  );
  handles.push(handle);
  const host = document.querySelector('chatlet-widget:last-of-type');
  return { client, storage, handle, host, widget: inWidget(host), user: userEvent.setup() };
}

// The panel is a chunk of its own, loaded on first use; loaded once here, every widget's first use
// completes within the tests' settle().
beforeAll(loadChatletPanel);

afterEach(() => {
  for (const handle of handles.splice(0)) handle.destroy();
  document.head.replaceChildren();
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('createChatlet and its handle', () => {
  it('shows the launcher at once and loads the panel only on first use, as the script tag', async () => {
    const loadLocale = vi.fn<typeof localeFromSources>(localeFromSources);
    const handle = createChatlet({ endpoint: '/chat' }, { client: new FakeClient(), loadLocale });
    handles.push(handle);
    const launcher = inWidget(document.querySelector('chatlet-widget')).getByRole('button', {
      name: 'Open chat',
    });
    handle.setKbTopic('billing');
    await settle();
    // The panel stage starts with the strings of its language: not asked for yet.
    expect(loadLocale).not.toHaveBeenCalled();

    launcher.dispatchEvent(new Event('pointerenter'));
    await settle();
    expect(loadLocale).toHaveBeenCalledTimes(1);
  });

  it('queues the calls made before the panel has arrived and replays them in order', async () => {
    let release = (): void => {};
    const arrived = new Promise<void>((resolve) => (release = resolve));
    const client = new FakeClient();
    const handle = createChatlet(
      { endpoint: '/chat', title: 'Help' },
      {
        client,
        storage: memoryStorage(),
        newId: sequentialIds(),
        loadLocale: async (lang) => (await arrived, localeFromSources(lang)),
      },
    );
    handles.push(handle);
    const widget = inWidget(document.querySelector('chatlet-widget'));
    handle.open();
    handle.setKbTopic('shipping');
    handle.send('Hello');
    await settle();
    expect(widget.queryByRole('dialog')).toBeNull();
    expect(client.requests).toHaveLength(0);

    release();
    await settle();
    expect(widget.getByRole('dialog', { name: 'Help' })).toBeTruthy();
    const request = await client.reply();
    expect([request.text, request.client_metadata?.['kb_topic']]).toEqual(['Hello', 'shipping']);
  });

  it('reports a panel that did not arrive once, and tries again on the next use', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const loadLocale = vi
      .fn<typeof localeFromSources>(localeFromSources)
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'));
    const handle = createChatlet(
      { endpoint: '/chat', title: 'Help' },
      { client: new FakeClient(), storage: memoryStorage(), loadLocale },
    );
    handles.push(handle);
    const widget = inWidget(document.querySelector('chatlet-widget'));
    handle.open();
    await settle();
    expect(widget.queryByRole('dialog')).toBeNull();
    expect(error).toHaveBeenCalledTimes(1);
    handle.open();
    await settle();
    expect(widget.getByRole('dialog', { name: 'Help' })).toBeTruthy();
    expect(loadLocale).toHaveBeenCalledTimes(2);
  });

  it('opens, closes and toggles the panel, telling open and close listeners', async () => {
    const { handle, widget } = mount({ title: 'Help' });
    const events: string[] = [];
    handle.on('open', () => events.push('open'));
    handle.on('close', () => events.push('close'));
    const launcher = widget.getByRole('button', { name: 'Open chat' });

    handle.open();

    await settle();
    expect(widget.getByRole('dialog', { name: 'Help' })).toBeTruthy();
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    handle.toggle();
    await settle();
    expect(widget.queryByRole('dialog')).toBeNull();
    handle.toggle();
    await settle();
    handle.close();
    expect(events).toEqual(['open', 'close', 'open', 'close']);
  });

  it('sends from the API and reports both messages and errors', async () => {
    const { handle, client } = mount();
    const messages: string[] = [];
    const errors: string[] = [];
    handle.on('message', (message) => messages.push(`${message.role}: ${message.text}`));
    handle.on('error', (error) => errors.push(error.code));

    handle.send('Hello');
    await client.reply({ reply: 'Hi!' });
    handle.send('Again');
    await client.fail(Object.assign(new TypeError('x'), {}));
    await settle();
    expect(messages).toEqual(['user: Hello', 'assistant: Hi!', 'user: Again']);
    expect(errors).toEqual(['protocol']);
  });

  it('stops calling a listener after its unsubscribe', async () => {
    const { handle } = mount();
    const calls: string[] = [];
    const off = handle.on('open', () => calls.push('open'));
    handle.open();
    await settle();
    off();
    handle.close();
    handle.open();
    await settle();
    expect(calls).toEqual(['open']);
  });

  it('tells a late ready listener too', async () => {
    const { handle } = mount();
    await settle();
    const ready = vi.fn<() => void>();
    handle.on('ready', ready);
    await settle();
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['local', ['chatlet:v1:https://proxy.test/chat'], []],
    ['session', [], ['chatlet:v1:https://proxy.test/chat']],
    ['memory', [], []],
  ] as const)(
    'keeps the conversation where `storage: %s` says, and nothing before the first send',
    async (storage, local, session) => {
      localStorage.clear();
      sessionStorage.clear();
      const client = new FakeClient();
      const handle = createChatlet(
        { endpoint: 'https://proxy.test/chat', storage },
        { client, newId: sequentialIds() },
      );
      handles.push(handle);
      handle.open();
      await settle();
      expect([Object.keys(localStorage), Object.keys(sessionStorage)]).toEqual([[], []]);

      handle.send('Hello');
      await client.reply();
      await settle();
      expect([Object.keys(localStorage), Object.keys(sessionStorage)]).toEqual([local, session]);
      localStorage.clear();
      sessionStorage.clear();
    },
  );

  it('starts a new conversation on reset', async () => {
    const { handle, client, widget } = mount();
    handle.send('Hello');
    await client.reply({ conversation: 'token-A' });
    handle.reset();
    handle.open();
    await settle();
    await wholeDrawing();
    expect(widget.getByRole('log').textContent).toBe('');
    handle.send('Fresh start');
    expect((await client.reply()).conversation).toBeUndefined();
  });

  it('takes kb_topic from setKbTopic, else the page, else the option, at every send', async () => {
    const { handle, client } = mount({ kbTopic: 'general' });
    handle.send('one');
    const first = await client.reply();

    const meta = document.createElement('meta');
    meta.name = 'chatlet:kb-topic';
    meta.content = 'billing';
    document.head.append(meta);
    handle.send('two');
    const second = await client.reply();

    handle.setKbTopic('shipping');
    handle.send('three');
    const third = await client.reply();

    expect([first, second, third].map((r) => r.client_metadata?.['kb_topic'])).toEqual([
      'general',
      'billing',
      'shipping',
    ]);
  });

  it('reads the topic from an element with data-chatlet-kb-topic', async () => {
    const { handle, client } = mount();
    const section = document.createElement('section');
    section.dataset['chatletKbTopic'] = 'account';
    document.body.append(section);
    handle.send('Hi');
    expect((await client.reply()).client_metadata).toEqual({ kb_topic: 'account' });
  });

  it('sends the message context, and refuses one over 1,000 characters', async () => {
    const { handle, client } = mount({ messageContext: 'Plan: pro' });
    handle.send('one');
    expect((await client.reply()).message_context).toBe('Plan: pro');

    let refused: unknown;
    try {
      handle.setMessageContext('x'.repeat(1001));
    } catch (error) {
      refused = error;
    }
    expect(isChatletError(refused) && refused.code).toBe('config');
    expect(String((refused as Error).message)).toMatch(/at most 1000/);

    handle.setMessageContext('Cart: 2 items');
    handle.send('two');
    expect((await client.reply()).message_context).toBe('Cart: 2 items');
  });

  it('adds the chosen page fields and the site metadata, five keys at most, warning once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.title = 'Pricing';
    const { handle, client } = mount({ kbTopic: 'billing', pageFields: ['title', 'path'] });
    handle.setMetadata({ plan: 'pro', seats: 3, trial: false });
    handle.send('one');
    const request = await client.reply();
    handle.send('two');
    await client.reply();

    expect(request.client_metadata).toEqual({
      kb_topic: 'billing',
      page_title: 'Pricing',
      page_path: '/',
      plan: 'pro',
      seats: 3,
    });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('dropped trial');
  });

  it('refuses a message longer than the proxy accepts instead of cutting it', () => {
    const { handle, client } = mount();
    expect(() => handle.send('x'.repeat(4001))).toThrow(/at most 4000/);
    expect(client.requests).toEqual([]);
  });

  it('refuses metadata it could not send', async () => {
    const { handle } = mount();
    await settle();
    expect(() => handle.setMetadata({ 'bad key!': 'x' })).toThrow(/client_metadata/);
  });

  it('counts replies that arrive while closed on the launcher', async () => {
    const { handle, client, widget } = mount();
    handle.send('Hello');
    await client.reply();
    await settle();
    const launcher = widget.getByRole('button', { name: 'Open chat' });
    expect(launcher.getAttribute('aria-describedby')).toBeTruthy();
    expect(widget.getByText('1 unread message')).toBeTruthy();
    handle.open();
    await settle();
    expect(launcher.hasAttribute('aria-describedby')).toBe(false);
  });

  it('applies theme, position and primary colour to the host', () => {
    const { host } = mount({ theme: 'dark', position: 'left', primaryColor: '#0a7d33' });
    expect((host as HTMLElement).dataset['theme']).toBe('dark');
    expect((host as HTMLElement).dataset['position']).toBe('left');
    expect((host as HTMLElement).style.getPropertyValue('--chatlet-primary')).toBe('#0a7d33');
    // The stylesheet picks the text colour on the site's colour (checked in a real browser by the
    // a11y e2e suite); the host is marked for it.
    expect((host as HTMLElement).dataset['primary']).toBe('');
  });

  it('exposes parts for styling from the page', async () => {
    const { handle, host } = mount();
    handle.open();
    await settle();
    await wholeDrawing();
    const parts = [...(host?.shadowRoot?.querySelectorAll('[part]') ?? [])].map((el) =>
      el.getAttribute('part'),
    );
    expect(parts).toEqual(
      expect.arrayContaining([
        'launcher',
        'panel',
        'header',
        'messages',
        'composer',
        'input',
        'send',
      ]),
    );
  });

  it('lets every string be replaced, and warns about unknown keys', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // A JavaScript caller's typo (TypeScript refuses the key: test/types/consumer.tsx).
    const strings = { send: 'Go', openChat: 'Ask us', nope: 'x' } as StringOverrides;
    const { handle, widget } = mount({ strings });
    handle.open();
    await settle();
    expect(widget.getByRole('button', { name: 'Go' })).toBeTruthy();
    expect(widget.getByRole('button', { name: 'Ask us' })).toBeTruthy();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('nope'));
  });

  it('shows the greeting, subtitle and placeholder', async () => {
    const { handle, widget } = mount({
      greeting: 'Hello! How can I help?',
      subtitle: 'Usually replies in minutes',
      placeholder: 'Ask anything',
    });
    handle.open();
    await settle();
    await wholeDrawing();
    expect(widget.getByText('Hello! How can I help?')).toBeTruthy();
    expect(widget.getByText('Usually replies in minutes')).toBeTruthy();
    expect(widget.getByPlaceholderText('Ask anything')).toBeTruthy();
  });
});

describe('keyboard use', () => {
  it('opens with Enter on the launcher into the textbox, and Escape returns to the launcher', async () => {
    const { host, widget, user } = mount();
    const launcher = widget.getByRole('button', { name: 'Open chat' });
    launcher.focus();
    await user.keyboard('{Enter}');
    const root = host?.shadowRoot;
    // Focus moves in an effect, after the panel has painted.
    await vi.waitFor(() =>
      expect(root?.activeElement).toBe(widget.getByRole('textbox', { name: 'Message' })),
    );

    await user.keyboard('{Escape}');
    await settle();
    expect(widget.queryByRole('dialog')).toBeNull();
    expect(root?.activeElement).toBe(launcher);
  });

  it('leaves focus alone when the page closes the panel while the visitor is elsewhere', async () => {
    const { handle, host } = mount();
    const pageButton = document.createElement('button');
    document.body.append(pageButton);
    handle.open();
    await settle();
    pageButton.focus();
    handle.close();
    expect(document.activeElement).toBe(pageButton);
    expect(host?.shadowRoot?.activeElement).toBeNull();
  });
});

describe('mounting and destroying', () => {
  it('leaves nothing behind, however often it is repeated', async () => {
    const added = vi.spyOn(window, 'addEventListener');
    const removed = vi.spyOn(window, 'removeEventListener');
    for (let round = 0; round < 5; round += 1) {
      const handle = createChatlet(
        { endpoint: '/chat' },
        { client: new FakeClient(), storage: memoryStorage() },
      );
      handle.open();
      await settle();
      handle.destroy();
      handle.destroy();
    }
    expect(document.querySelector('chatlet-widget')).toBeNull();
    const count = (spy: typeof added, type: string) =>
      spy.mock.calls.filter(([name]) => name === type).length;
    for (const type of ['online', 'offline', 'storage']) {
      expect(count(removed, type)).toBe(count(added, type));
    }
  });

  it('throws a config error naming the endpoint when it is missing', () => {
    expect(() => createChatlet({ endpoint: '' })).toThrow(/endpoint/);
  });

  it('puts the widget into the given target', () => {
    const target = document.createElement('div');
    document.body.append(target);
    handles.push(
      createChatlet(
        { endpoint: '/chat', target },
        { client: new FakeClient(), storage: memoryStorage() },
      ),
    );
    expect(target.querySelector('chatlet-widget')).not.toBeNull();
  });
});
