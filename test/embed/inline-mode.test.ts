import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolveOptions } from '../../src/core/options.ts';
import { readAttributes } from '../../src/embed/attributes.ts';
import {
  createChatlet,
  loadChatletPanel,
  type ChatletHandle,
  type CreateChatletOptions,
} from '../../src/embed/index.ts';
import { awaitInlineContainer } from '../../src/embed/inline.ts';
import { FakeClient, localeFromSources, memoryStorage, sequentialIds } from '../ui/fakes.ts';
import { element as pageElement, setBody } from '../support/page-dom.ts';
import { inWidget, settle } from './helpers.ts';

const handles: ChatletHandle[] = [];

function mount(options: Partial<CreateChatletOptions> = {}) {
  const client = new FakeClient();
  const handle = createChatlet(
    { endpoint: 'https://proxy.test/chat', title: 'Help', ...options },
    { client, storage: memoryStorage(), newId: sequentialIds(), loadLocale: localeFromSources },
  );
  handles.push(handle);
  const host = document.querySelector('chatlet-widget');
  return { client, handle, host, widget: inWidget(host), user: userEvent.setup() };
}

// The npm entry's panel is a chunk loaded on first use: loaded once here for every test.
beforeAll(loadChatletPanel);

afterEach(() => {
  for (const handle of handles.splice(0)) handle.destroy();
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('the mode, target and launcher options', () => {
  it('parse from attributes and default to a bubble with its launcher', () => {
    const read = (attributes: Record<string, string>) =>
      readAttributes((name) => attributes[name] ?? null);
    expect(
      read({ 'data-mode': ' Inline ', 'data-target': '#help', 'data-launcher': 'NONE' }),
    ).toEqual({ mode: 'inline', target: '#help', launcher: 'none' });
    expect(resolveOptions({ endpoint: '/chat' })).toMatchObject({
      mode: 'bubble',
      target: undefined,
      launcher: 'bubble',
    });
    // The inline panel has no launcher, whatever data-launcher says.
    expect(resolveOptions({ endpoint: '/chat', mode: 'inline' }).launcher).toBe('none');
  });

  it.each([
    ['data-mode', 'embedded', /data-mode.*use bubble, inline/],
    ['data-launcher', 'hidden', /data-launcher.*use bubble, none/],
  ])('refuse %s="%s" naming the attribute and the values', (name, value, message) => {
    expect(() => readAttributes((attribute) => (attribute === name ? value : null))).toThrow(
      message,
    );
  });
});

describe('inline mode', () => {
  it('renders the open panel inside the target, with no launcher and no close button', async () => {
    setBody(pageElement('main', {}, pageElement('div', { id: 'help-chat' })));
    const { handle, host, widget } = mount({ mode: 'inline', target: '#help-chat' });
    const events: string[] = [];
    handle.on('close', () => events.push('close'));
    const region = await vi.waitFor(() => widget.getByRole('region', { name: 'Help' }));

    expect(host?.parentElement?.id).toBe('help-chat');
    expect(host?.getAttribute('data-mode')).toBe('inline');
    expect(widget.queryByRole('button', { name: 'Open chat' })).toBeNull();
    expect(widget.queryByRole('button', { name: 'Close chat' })).toBeNull();
    // Not focused on page load: that would scroll the page to the panel.
    expect(host?.shadowRoot?.activeElement ?? null).toBeNull();

    // Neither the API nor Escape can leave the page without its chat.
    handle.close();
    handle.toggle();
    region.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    expect(widget.getByRole('region', { name: 'Help' })).toBeTruthy();
    expect(events).toEqual([]);
  });

  it('chats like the floating panel', async () => {
    setBody(pageElement('div', { id: 'help-chat' }));
    const { client, widget, user } = mount({ mode: 'inline', target: '#help-chat' });
    await vi.waitFor(() => widget.getByRole('region', { name: 'Help' }));
    await user.type(widget.getByRole('textbox', { name: 'Message' }), 'Where is my order?{Enter}');
    const request = await client.reply({ reply: 'It ships today.' });
    expect(request.text).toBe('Where is my order?');
    await vi.waitFor(() => expect(widget.getByText('It ships today.')).toBeTruthy());
  });

  it('takes the target as an element too', async () => {
    const container = document.createElement('section');
    document.body.append(container);
    const { host } = mount({ mode: 'inline', target: container });
    expect(host?.parentElement).toBe(container);
  });

  it.each([
    [undefined, /data-mode="inline" needs data-target/],
    ['#nowhere', /data-target "#nowhere" matches no element/],
    ['#', /data-target "#" matches no element/],
  ])('refuses target %s with a config error naming it', (target, message) => {
    expect(() => mount({ mode: 'inline', ...(target ? { target } : {}) })).toThrow(message);
    expect(document.querySelector('chatlet-widget')).toBeNull();
  });

  it('waits for the page to be parsed before it gives up on the target', async () => {
    let state: DocumentReadyState = 'loading';
    const doc = {
      get readyState() {
        return state;
      },
      querySelector: (selector: string) => document.querySelector(selector),
      addEventListener: document.addEventListener.bind(document),
    } as unknown as Document;
    const found = awaitInlineContainer('#later', doc);
    const element = document.createElement('div');
    element.id = 'later';
    document.body.append(element);
    state = 'interactive';
    document.dispatchEvent(new Event('DOMContentLoaded'));
    await expect(found).resolves.toBe(element);
    await expect(awaitInlineContainer('#never', doc)).rejects.toThrow(/"#never" matches no/);
  });
});

describe('launcher none and data-chatlet-open', () => {
  it('hides the bubble; an element added later opens the chat, and focus returns to it', async () => {
    const { widget, user } = mount({ launcher: 'none' });
    await settle();
    expect(widget.queryByRole('button', { name: 'Open chat' })).toBeNull();

    const button = document.createElement('button');
    button.textContent = 'Ask us';
    button.setAttribute('data-chatlet-open', '');
    document.body.append(button);
    await user.click(button);
    await vi.waitFor(() => widget.getByRole('dialog', { name: 'Help' }));
    await vi.waitFor(() =>
      expect(document.querySelector('chatlet-widget')?.shadowRoot?.activeElement).toBe(
        widget.getByRole('textbox', { name: 'Message' }),
      ),
    );

    await user.keyboard('{Escape}');
    await settle();
    expect(widget.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('opens from a child of the element and keeps a link from navigating', async () => {
    const { widget } = mount({ launcher: 'none' });
    setBody(
      pageElement(
        'a',
        { href: '/contact', 'data-chatlet-open': '' },
        pageElement('span', {}, 'Chat'),
      ),
    );
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    document.querySelector('span')?.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    await vi.waitFor(() => widget.getByRole('dialog', { name: 'Help' }));
  });

  it('returns focus to what had it when the page opened the chat through the API', async () => {
    const { handle, user } = mount({ launcher: 'none' });
    setBody(pageElement('button', {}, 'Help'));
    const pageButton = document.querySelector('button');
    pageButton?.focus();
    handle.open();
    await vi.waitFor(() =>
      expect(document.querySelector('chatlet-widget')?.shadowRoot?.activeElement?.tagName).toBe(
        'TEXTAREA',
      ),
    );
    await user.keyboard('{Escape}');
    await settle();
    expect(document.activeElement).toBe(pageButton);
  });

  it('stops listening once destroyed', async () => {
    const { handle } = mount({ launcher: 'none' });
    const opened = vi.fn<() => void>();
    handle.on('open', opened);
    handle.destroy();
    setBody(pageElement('button', { 'data-chatlet-open': '' }, 'Chat'));
    document.querySelector('button')?.click();
    await settle();
    expect(opened).not.toHaveBeenCalled();
  });
});

describe('<chatlet-widget mode="inline">', () => {
  it('is the container itself', async () => {
    await import('../../src/embed/element.ts');
    setBody(
      pageElement(
        'main',
        {},
        pageElement('chatlet-widget', { endpoint: '/chat', title: 'Help', mode: 'inline' }),
      ),
    );
    const element = document.querySelector('chatlet-widget');
    await vi.waitFor(() =>
      expect(inWidget(element).getByRole('region', { name: 'Help' })).toBeTruthy(),
    );
    expect(element?.parentElement?.tagName).toBe('MAIN');
    expect(element?.getAttribute('data-mode')).toBe('inline');
    expect(inWidget(element).queryByRole('button', { name: 'Open chat' })).toBeNull();
  });
});
