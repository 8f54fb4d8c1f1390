import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPanel } from '../../src/embed/panel-stage.ts';
import type { ChatletHandle } from '../../src/shell/handle.ts';
import { readLoaderOptions } from '../../src/shell/loader-options.ts';
import { mountStaged, type PanelStage } from '../../src/shell/staged.ts';
import { inWidget, settle } from '../embed/helpers.ts';
import { FakeClient, localeFromSources, memoryStorage } from '../ui/fakes.ts';
import { element, setBody } from '../support/page-dom.ts';
import { teaserFrom } from './teaser-source.ts';

const handles: ChatletHandle[] = [];

/** The script tag's widget with these data attributes; `loads` counts panel-stage loads. */
function scriptTag(attributes: Record<string, string>) {
  const all: Record<string, string> = {
    'data-endpoint': '/chat',
    'data-title': 'Help',
    ...attributes,
  };
  const read = (name: string): string | null => all[name] ?? null;
  const loads = { count: 0 };
  const stage: PanelStage = {
    startPanel: (shell, readAttribute, lang) =>
      startPanel(shell, readAttribute, lang, {
        client: new FakeClient(),
        storage: memoryStorage(),
        loadLocale: localeFromSources,
      }),
  };
  const handle = mountStaged(document.documentElement, readLoaderOptions(read, ''), read, {
    teaser: teaserFrom(read),
    load: async () => {
      loads.count += 1;
      return stage;
    },
  });
  handles.push(handle);
  const host = () => document.querySelector('chatlet-widget');
  return { handle, host, loads };
}

afterEach(() => {
  for (const handle of handles.splice(0)) handle.destroy();
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('the script tag in inline mode', () => {
  it('loads the panel at once, without a launcher, into the target', async () => {
    setBody(element('article', {}, element('div', { id: 'help-chat' })));
    const { host, loads } = scriptTag({ 'data-mode': 'inline', 'data-target': '#help-chat' });
    expect(inWidget(host()).queryByRole('button')).toBeNull();
    expect(loads.count).toBe(1);
    await vi.waitFor(() => expect(host()?.parentElement?.id).toBe('help-chat'));
    await vi.waitFor(() =>
      expect(inWidget(host()).getByRole('region', { name: 'Help' })).toBeTruthy(),
    );
  });

  it('logs one error naming a target that matches nothing, and removes the widget', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { host } = scriptTag({ 'data-mode': 'inline', 'data-target': '.help-chat' });
    await vi.waitFor(() => expect(host()).toBeNull());
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toMatch(
      /^Chatlet: data-target ".help-chat" matches no/,
    );
  });

  it('refuses an unknown data-mode before anything shows: no launcher, one error, the widget goes', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { host, loads } = scriptTag({ 'data-mode': 'popup' });
    expect(inWidget(host()).queryByRole('button')).toBeNull();
    // The panel stage, which words the refusal, is started at once to say it.
    expect(loads.count).toBe(1);
    await vi.waitFor(() => expect(host()).toBeNull());
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toMatch(
      /Invalid data-mode="popup": use bubble, inline/,
    );
  });
});

describe('the script tag with data-launcher="none"', () => {
  it('shows no launcher and loads nothing until an opener the page added later is clicked', async () => {
    const { host, loads } = scriptTag({ 'data-launcher': 'none' });
    expect(inWidget(host()).queryByRole('button')).toBeNull();
    await settle();
    expect(loads.count).toBe(0);

    setBody(element('button', { 'data-chatlet-open': '' }, 'Chat with us'));
    const opener = document.querySelector('button');
    opener?.dispatchEvent(new Event('pointerover', { bubbles: true }));
    expect(loads.count).toBe(0);
    opener?.focus();
    opener?.click();
    expect(loads.count).toBe(1);
    await vi.waitFor(() =>
      expect(inWidget(host()).getByRole('dialog', { name: 'Help' })).toBeTruthy(),
    );
    // The panel's Escape returns focus to the page's own button.
    host()
      ?.shadowRoot?.querySelector('textarea')
      ?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await vi.waitFor(() => expect(document.activeElement).toBe(opener));
  });
});
