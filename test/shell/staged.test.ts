import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatletHandle } from '../../src/shell/handle.ts';
import { readLoaderOptions } from '../../src/shell/loader-options.ts';
import { ChatletError } from '../../src/core/errors.ts';
import { startPanel } from '../../src/embed/panel-stage.ts';
import { mountStaged, type PanelStage } from '../../src/shell/staged.ts';

type PanelLoader = () => Promise<PanelStage>;
import { FakeClient, localeFromSources, memoryStorage } from '../ui/fakes.ts';
import { inWidget, settle } from '../embed/helpers.ts';
import { teaserFrom } from './teaser-source.ts';

/** A panel stage the test releases by hand, as a slow network would deliver the chunk. */
function heldStage() {
  const client = new FakeClient();
  let release = (): void => {};
  const arrived = new Promise<void>((resolve) => (release = resolve));
  const calls = { count: 0 };
  const loader: PanelLoader = async () => {
    calls.count += 1;
    await arrived;
    return {
      startPanel: (shell, read, lang) =>
        startPanel(shell, read, lang, {
          client,
          storage: memoryStorage(),
          loadLocale: localeFromSources,
        }),
    };
  };
  return { client, loader, release, calls };
}

/**
 * Counts the `pagehide` listeners on `window` from now on: one per connected conversation
 * (src/embed/conversation.ts), so a conversation left behind shows as a count above one.
 */
function countPageHideListeners(): { count: number } {
  const listening = { count: 0 };
  const add = window.addEventListener.bind(window);
  const remove = window.removeEventListener.bind(window);
  vi.spyOn(window, 'addEventListener').mockImplementation((type, ...rest) => {
    if (type === 'pagehide') listening.count += 1;
    add(type, ...rest);
  });
  vi.spyOn(window, 'removeEventListener').mockImplementation((type, ...rest) => {
    if (type === 'pagehide') listening.count -= 1;
    remove(type, ...rest);
  });
  return listening;
}

const handles: ChatletHandle[] = [];
function mount(loader: PanelLoader, extra: Record<string, string> = {}) {
  const attributes: Record<string, string> = {
    'data-endpoint': '/chat',
    'data-title': 'Help',
    ...extra,
  };
  const read = (name: string): string | null => attributes[name] ?? null;
  const handle = mountStaged(document.body, readLoaderOptions(read, ''), read, {
    load: loader,
    teaser: teaserFrom(read),
  });
  handles.push(handle);
  const host = document.querySelector('chatlet-widget');
  return { handle, host, widget: inWidget(host) };
}

afterEach(() => {
  for (const handle of handles.splice(0)) handle.destroy();
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

/** A panel stage whose first language file fails to load (a network error) and the next arrives. */
function localeFailingOnce(): PanelLoader {
  let failFirst = true;
  return async () => ({
    startPanel: (shell, read, lang) =>
      startPanel(shell, read, lang, {
        client: new FakeClient(),
        storage: memoryStorage(),
        loadLocale: async (lang) => {
          if (!failFirst) return localeFromSources(lang);
          failFirst = false;
          throw new ChatletError('network', 'could not load chatlet-en.js');
        },
      }),
  });
}

describe('the two-stage script-tag widget', () => {
  it('shows the launcher before the panel stage has arrived', () => {
    const { loader } = heldStage();
    const { widget } = mount(loader);
    expect(widget.getByRole('button', { name: 'Open chat' })).toBeTruthy();
    expect(widget.queryByRole('dialog')).toBeNull();
  });

  it('starts loading the panel when the visitor points at the launcher', () => {
    const { loader, calls } = heldStage();
    const { widget } = mount(loader);
    expect(calls.count).toBe(0);
    widget.getByRole('button', { name: 'Open chat' }).dispatchEvent(new Event('pointerenter'));
    expect(calls.count).toBe(1);
  });

  it('loads no panel for a visitor who does not touch the widget, even once the page is idle', async () => {
    const { loader, calls } = heldStage();
    mount(loader);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls.count).toBe(0);
  });

  it('opens the panel after a click that came before the panel stage', async () => {
    const { loader, release } = heldStage();
    const { widget } = mount(loader);
    const launcher = widget.getByRole('button', { name: 'Open chat' });
    launcher.click();
    await settle();
    expect(widget.queryByRole('dialog')).toBeNull();

    release();
    await vi.waitFor(() => expect(widget.getByRole('dialog', { name: 'Help' })).toBeTruthy());
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    launcher.click();
    await settle();
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
  });

  it('replays API calls made before the panel stage, in order, and tells early listeners', async () => {
    const { loader, release, client } = heldStage();
    const { handle, widget } = mount(loader);
    const events: string[] = [];
    handle.on('open', () => events.push('open'));
    handle.on('message', (message) => events.push(`${message.role}: ${message.text}`));
    handle.send('Hello');
    handle.open();

    release();
    const request = await client.reply({ reply: 'Hi!' });
    expect(request.text).toBe('Hello');
    await vi.waitFor(() => expect(widget.getByText('Hi!')).toBeTruthy());
    expect(events).toEqual(['user: Hello', 'open', 'assistant: Hi!']);
  });

  it('checks the length limits at once, before the panel stage', () => {
    const { loader } = heldStage();
    const { handle } = mount(loader);
    expect(() => handle.setMessageContext('x'.repeat(1001))).toThrow(/at most 1000/);
    expect(() => handle.send('x'.repeat(4001))).toThrow(/at most 4000/);
  });

  it('applies page-context calls made before the panel stage without loading it for them', async () => {
    const { loader, release, client, calls } = heldStage();
    const { handle } = mount(loader);
    handle.setKbTopic('billing');
    handle.setMetadata({ plan: 'pro' });
    expect(calls.count).toBe(0);
    handle.send('Hello');
    release();
    const request = await client.reply({ reply: 'Hi!' });
    expect(request.client_metadata).toEqual({ kb_topic: 'billing', plan: 'pro' });
  });

  it('reports early metadata the panel stage refuses on the console, keeping the widget', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { loader, release } = heldStage();
    const { handle, widget } = mount(loader);
    handle.setMetadata({ 'bad key!': 'x' });
    handle.open();
    release();
    await vi.waitFor(() => expect(widget.getByRole('dialog', { name: 'Help' })).toBeTruthy());
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toContain('client_metadata');
  });

  it('removes the launcher and logs one error when the panel stage refuses an attribute', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { loader, release } = heldStage();
    const { handle } = mount(loader, { 'data-history-limit': 'many' });
    expect(document.querySelector('chatlet-widget')).not.toBeNull();
    handle.open();
    release();
    await vi.waitFor(() => expect(document.querySelector('chatlet-widget')).toBeNull());
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toContain('data-history-limit');
  });

  it('leaves nothing when destroyed before the panel stage arrived', async () => {
    const { loader, release } = heldStage();
    const { handle } = mount(loader);
    handle.open();
    handle.destroy();
    release();
    await settle();
    await settle();
    expect(document.querySelector('chatlet-widget')).toBeNull();
  });

  it('reports a panel that failed to load, and tries again on the next use', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { loader: working, release } = heldStage();
    release();
    let failFirst = true;
    const flaky: PanelLoader = () => {
      if (failFirst) {
        failFirst = false;
        return Promise.reject(new Error('chunk 404'));
      }
      return working();
    };
    const { handle, widget } = mount(flaky);
    handle.open();
    await vi.waitFor(() => expect(error).toHaveBeenCalledTimes(1));
    expect(String(error.mock.calls[0]?.[0])).toBe('Error: chunk 404');
    handle.open();
    await vi.waitFor(() => expect(widget.getByRole('dialog', { name: 'Help' })).toBeTruthy());
    expect(error).toHaveBeenCalledTimes(1);
  });

  it('reports a language file that failed to load, and tries again on the next use', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { handle, widget } = mount(localeFailingOnce());
    handle.open();
    await vi.waitFor(() => expect(error).toHaveBeenCalledTimes(1));
    expect(String(error.mock.calls[0]?.[0])).toBe('Chatlet: could not load chatlet-en.js');
    handle.open();
    await vi.waitFor(() => expect(widget.getByRole('dialog', { name: 'Help' })).toBeTruthy());
    expect(error).toHaveBeenCalledTimes(1);
  });

  it('reads the stored conversation while the language file is on the way, and draws it once that is in', async () => {
    const storage = memoryStorage();
    const read = vi.spyOn(storage, 'get');
    let deliver = (): void => {};
    const strings = new Promise<void>((resolve) => (deliver = resolve));
    const loader: PanelLoader = async () => ({
      startPanel: (shell, read, lang) =>
        startPanel(shell, read, lang, {
          client: new FakeClient(),
          storage,
          loadLocale: async (lang) => {
            await strings;
            return localeFromSources(lang);
          },
        }),
    });
    const { handle, widget } = mount(loader);
    handle.open();
    await settle();
    expect(read).toHaveBeenCalled();
    expect(widget.queryByRole('dialog')).toBeNull();
    deliver();
    await vi.waitFor(() => expect(widget.getByRole('dialog', { name: 'Help' })).toBeTruthy());
  });

  it('lets the conversation made meanwhile go when the language file fails: the retry leaves one', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const listening = countPageHideListeners();
    const { handle, widget } = mount(localeFailingOnce());
    handle.open();
    await vi.waitFor(() => expect(console.error).toHaveBeenCalledTimes(1));
    expect(listening.count).toBe(0);
    handle.open();
    await vi.waitFor(() => expect(widget.getByRole('dialog', { name: 'Help' })).toBeTruthy());
    expect(listening.count).toBe(1);
  });

  it('leaves no page listener when destroyed while the language file is on the way', async () => {
    const listening = countPageHideListeners();
    const loader: PanelLoader = async () => ({
      startPanel: (shell, read, lang) =>
        startPanel(shell, read, lang, {
          client: new FakeClient(),
          storage: memoryStorage(),
          // A language file that never arrives.
          loadLocale: () => new Promise(() => {}),
        }),
    });
    const { handle } = mount(loader);
    handle.open();
    await vi.waitFor(() => expect(listening.count).toBe(1));
    handle.destroy();
    expect(listening.count).toBe(0);
  });
});
