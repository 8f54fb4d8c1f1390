import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isChatletError } from '../../src/core/errors.ts';
import { resolveOptions } from '../../src/core/options.ts';
import { startPanel } from '../../src/embed/panel-stage.ts';
import {
  createChatlet,
  type ChatletHandle,
  type CreateChatletOptions,
} from '../../src/embed/index.ts';
import { ChatletElement } from '../../src/embed/element.ts';
import { readLoaderOptions } from '../../src/shell/loader-options.ts';
import { mountStaged, type PanelStage } from '../../src/shell/staged.ts';
import { TEASER_KEY } from '../../src/shell/teaser-view.ts';
import { LANGUAGES } from '../../src/core/languages.ts';
import { CLOSE_TEASER } from '../../src/ui/teaser-label.ts';
import { FakeClient, localeFromSources, memoryStorage, sequentialIds } from '../ui/fakes.ts';
import { inWidget, settle } from '../embed/helpers.ts';
import { teaserFrom } from './teaser-source.ts';

const handles: ChatletHandle[] = [];

/** The npm entry with fakes for the network and the conversation's storage. */
function mount(options: Partial<CreateChatletOptions> = {}) {
  const client = new FakeClient();
  const handle = createChatlet(
    { endpoint: 'https://proxy.test/chat', ...options },
    { client, storage: memoryStorage(), newId: sequentialIds(), loadLocale: localeFromSources },
  );
  handles.push(handle);
  const host = document.querySelector('chatlet-widget:last-of-type');
  return { client, handle, widget: inWidget(host), user: userEvent.setup() };
}

/** The script tag's loader, whose panel stage is never asked for unless the visitor acts. */
function mountLoader(attributes: Record<string, string>) {
  const all: Record<string, string> = { 'data-endpoint': '/chat', ...attributes };
  const read = (name: string): string | null => all[name] ?? null;
  const load = vi.fn<() => Promise<PanelStage>>(async () => ({
    startPanel: (...args: Parameters<typeof startPanel>) =>
      startPanel(args[0], args[1], args[2], {
        client: new FakeClient(),
        storage: memoryStorage(),
        loadLocale: localeFromSources,
      }),
  }));
  const handle = mountStaged(document.body, readLoaderOptions(read, ''), read, {
    load,
    teaser: teaserFrom(read),
  });
  handles.push(handle);
  return { handle, load, widget: inWidget(document.querySelector('chatlet-widget')) };
}

const teaserOf = (widget: ReturnType<typeof inWidget>, text = 'Need help?') =>
  widget.queryByRole('button', { name: text });

afterEach(() => {
  for (const handle of handles.splice(0)) handle.destroy();
  document.body.replaceChildren();
  localStorage.clear();
  sessionStorage.clear();
  vi.restoreAllMocks();
});

describe('the teaser', () => {
  it('appears after its delay, from the loader alone, in a polite live region, writing nothing', async () => {
    const { widget, load } = mountLoader({
      'data-teaser': ' Need help? ',
      'data-teaser-delay-ms': '30',
    });
    expect(teaserOf(widget)).toBeNull();
    await vi.waitFor(() => expect(teaserOf(widget)).toBeTruthy());
    expect(teaserOf(widget)?.closest('[aria-live]')?.getAttribute('aria-live')).toBe('polite');
    // Its close button is beside the message, outside the region: its name is not announced.
    const close = widget.getByRole('button', { name: 'Close' });
    expect(close.closest('[aria-live]')).toBeNull();
    expect(load).not.toHaveBeenCalled();
    expect([localStorage.length, sessionStorage.length]).toEqual([0, 0]);
  });

  it('loads its file only for a page with a teaser and a launcher (at once: its delay covers the download), or on showTeaser()', async () => {
    const files: string[] = [];
    const mountWith = (attributes: Record<string, string>) => {
      const all: Record<string, string | undefined> = { 'data-endpoint': '/chat', ...attributes };
      const get = (name: string): string | null => all[name] ?? null;
      const source = teaserFrom(get);
      const handle = mountStaged(document.body, readLoaderOptions(get, ''), get, {
        load: () => new Promise<PanelStage>(() => {}),
        teaser: () => {
          files.push(all['data-teaser'] ?? 'none');
          return source();
        },
      });
      handles.push(handle);
      return handle;
    };
    const plain = mountWith({});
    plain.hideTeaser();
    plain.destroy();
    expect(files).toEqual([]);
    const shown = mountWith({ 'data-teaser': 'Need help?', 'data-teaser-delay-ms': '60000' });
    expect(files).toEqual(['Need help?']);
    shown.destroy();
    // No launcher to tease from: inline, or the page's own launcher; showTeaser() loads it, and it
    // stays away.
    for (const none of [
      { 'data-launcher': 'none' },
      { 'data-mode': 'inline', 'data-target': '#x' },
    ]) {
      const before = files.length;
      const handle = mountWith({ 'data-teaser': 'No launcher', ...none });
      expect(files).toHaveLength(before);
      handle.showTeaser('Now?');
      expect(files).toHaveLength(before + 1);
      await settle();
      expect(document.querySelector('chatlet-widget')?.shadowRoot?.textContent).not.toContain(
        'Now?',
      );
      handle.destroy();
    }
  });

  it('refuses a data-teaser-delay-ms that is not a whole number: one error, and the widget goes', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    mountLoader({ 'data-teaser': 'Need help?', 'data-teaser-delay-ms': 'soon' });
    await vi.waitFor(() => expect(document.querySelector('chatlet-widget')).toBeNull());
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toMatch(
      /^Chatlet: Invalid data-teaser-delay-ms="soon"/,
    );
  });

  it('opens the chat when clicked, and goes', async () => {
    const { widget, user } = mount({ teaser: 'Need help?', teaserDelayMs: 0 });
    await vi.waitFor(() => expect(teaserOf(widget)).toBeTruthy());
    await user.click(teaserOf(widget)!);
    await vi.waitFor(() => expect(widget.getByRole('dialog')).toBeTruthy());
    expect(teaserOf(widget)).toBeNull();
    expect(widget.queryByRole('button', { name: 'Close' })).toBeNull();
  });

  it('closed with its button: gone, focus on the launcher, not shown again after a reload', async () => {
    const first = mount({ teaser: 'Need help?', teaserDelayMs: 0 });
    await vi.waitFor(() => expect(teaserOf(first.widget)).toBeTruthy());
    await first.user.click(first.widget.getByRole('button', { name: 'Close' }));
    expect(teaserOf(first.widget)).toBeNull();
    const launcher = first.widget.getByRole('button', { name: 'Open chat' });
    expect(launcher.getRootNode()).toHaveProperty('activeElement', launcher);
    expect(localStorage.getItem(TEASER_KEY)).toBe('1');
    expect(localStorage.length).toBe(1);
    first.handle.showTeaser('Still there?');
    expect(teaserOf(first.widget, 'Still there?')).toBeNull();

    first.handle.destroy();
    const again = mount({ teaser: 'Need help?', teaserDelayMs: 0 });
    again.handle.showTeaser();
    await settle();
    expect(teaserOf(again.widget)).toBeNull();
  });

  it('remembers the close where data-storage says: session, or this page view only', async () => {
    const session = mountLoader({
      'data-teaser': 'Need help?',
      'data-teaser-delay-ms': '0',
      'data-storage': 'session',
    });
    await vi.waitFor(() => expect(teaserOf(session.widget)).toBeTruthy());
    session.widget.getByRole('button', { name: 'Close' }).click();
    expect([localStorage.length, sessionStorage.getItem(TEASER_KEY)]).toEqual([0, '1']);
    session.handle.destroy();
    sessionStorage.clear();

    const memory = mount({ teaser: 'Need help?', teaserDelayMs: 0, storage: 'memory' });
    await vi.waitFor(() => expect(teaserOf(memory.widget)).toBeTruthy());
    memory.widget.getByRole('button', { name: 'Close' }).click();
    memory.handle.showTeaser();
    expect(teaserOf(memory.widget)).toBeNull();
    expect([localStorage.length, sessionStorage.length]).toEqual([0, 0]);
  });

  it('goes once the visitor has chatted, and does not come back', async () => {
    const { widget, handle } = mount({ teaser: 'Need help?', teaserDelayMs: 0, storage: 'memory' });
    await vi.waitFor(() => expect(teaserOf(widget)).toBeTruthy());
    handle.send('Hello');
    await vi.waitFor(() => expect(teaserOf(widget)).toBeNull());
    handle.close();
    await settle();
    handle.showTeaser();
    expect(teaserOf(widget)).toBeNull();
  });

  it('is not shown to a visitor whose conversation is stored', async () => {
    localStorage.setItem(`chatlet:v1:${new URL('/chat', location.href).href}`, '{"messages":[]}');
    const { handle, widget } = mountLoader({
      'data-teaser': 'Need help?',
      'data-teaser-delay-ms': '0',
    });
    await settle();
    handle.showTeaser();
    expect(teaserOf(widget)).toBeNull();
  });

  it('is shown and hidden by the API, never while the panel is open, never after destroy()', async () => {
    const { handle, widget } = mount();
    handle.showTeaser();
    expect(widget.queryByRole('button', { name: 'Close' })).toBeNull();
    // The first call loads the teaser's drawing (its own file or chunk), then shows it.
    handle.showTeaser('Questions about shipping?');
    await vi.waitFor(() => expect(teaserOf(widget, 'Questions about shipping?')).toBeTruthy());
    handle.hideTeaser();
    expect(teaserOf(widget, 'Questions about shipping?')).toBeNull();
    expect(localStorage.length).toBe(0);

    handle.open();
    await vi.waitFor(() => expect(widget.getByRole('dialog')).toBeTruthy());
    handle.showTeaser('Now?');
    expect(teaserOf(widget, 'Now?')).toBeNull();

    const late = mount({ teaser: 'Too late', teaserDelayMs: 20 });
    late.handle.destroy();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(document.querySelectorAll('chatlet-widget')).toHaveLength(1);
  });

  it('names its close button in the widget’s language, or as data-strings says', async () => {
    const de = mountLoader({
      'data-teaser': 'Fragen?',
      'data-teaser-delay-ms': '0',
      'data-lang': 'de',
    });
    await vi.waitFor(() =>
      expect(de.widget.getByRole('button', { name: 'Schließen' })).toBeTruthy(),
    );
    expect(
      de.widget.getByRole('button', { name: 'Fragen?' }).closest('[lang]')?.getAttribute('lang'),
    ).toBe('de');
    de.handle.destroy();
    const he = mount({ lang: 'he', strings: { closeTeaser: 'Dismiss' } });
    he.handle.showTeaser('שאלות?');
    await vi.waitFor(() =>
      expect(
        he.widget.getByRole('button', { name: 'Dismiss' }).closest('[dir]')?.getAttribute('dir'),
      ).toBe('rtl'),
    );
    for (const lang of LANGUAGES) expect(CLOSE_TEASER[lang]).toMatch(/\S/);
    expect(new Set(Object.values(CLOSE_TEASER)).size).toBe(LANGUAGES.length);
  });

  it('works on <chatlet-widget teaser teaser-delay-ms>, with showTeaser on element.chatlet', async () => {
    const element = document.createElement('chatlet-widget');
    expect(element).toBeInstanceOf(ChatletElement);
    element.setAttribute('endpoint', '/chat');
    element.setAttribute('teaser', 'Need help?');
    element.setAttribute('teaser-delay-ms', '0');
    document.body.append(element);
    await vi.waitFor(() => expect(teaserOf(inWidget(element))).toBeTruthy());
    element.chatlet?.hideTeaser();
    expect(teaserOf(inWidget(element))).toBeNull();
    element.chatlet?.showTeaser('Again');
    expect(teaserOf(inWidget(element), 'Again')).toBeTruthy();
  });

  it('refuses a teaser delay that is not a whole number of milliseconds', () => {
    let error: unknown;
    try {
      resolveOptions({ endpoint: '/chat', teaserDelayMs: -1 });
    } catch (caught) {
      error = caught;
    }
    expect(isChatletError(error) && error.message).toMatch(/data-teaser-delay-ms "-1"/);
    expect(resolveOptions({ endpoint: '/chat' })).toMatchObject({
      teaser: undefined,
      teaserDelayMs: 3000,
    });
  });
});
