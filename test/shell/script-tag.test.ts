import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inWidget, settle } from '../embed/helpers.ts';

// The built loader inserts dist/chatlet-panel.js and dist/chatlet-teaser.js as scripts; here the
// stage and the teaser's drawing come from the sources.
vi.mock('../../src/shell/panel-chunk.ts', () => ({
  panelChunk: () => () => import('../../src/embed/panel-stage.ts'),
}));
vi.mock('../../src/shell/teaser-chunk.ts', () => ({
  teaserChunk: (_loader: unknown, read: (name: string) => string | null) => () =>
    import('../../src/shell/teaser-attributes.ts').then((file) => file.teaserFromAttributes(read)),
}));
// jsdom runs no scripts it would have to fetch: the language file comes from the sources too.
vi.mock('../../src/embed/locale-script.ts', async () => ({
  loadLocaleScript: (await import('../ui/fakes.ts')).localeFromSources,
}));

async function loadScriptTag(attributes: Record<string, string>): Promise<void> {
  const script = document.createElement('script');
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  document.head.append(script);
  vi.resetModules();
  await import('../../src/shell/script-tag.ts');
  await settle();
}

describe('the script-tag entry', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    window.Chatlet?.destroy();
    document.head.replaceChildren();
    document.body.replaceChildren();
    document.documentElement.removeAttribute('lang');
    vi.restoreAllMocks();
  });

  it('renders the launcher in a shadow root and exposes window.Chatlet', async () => {
    await loadScriptTag({ 'data-endpoint': '/chat', 'data-title': 'Help' });
    const host = document.querySelector('chatlet-widget');
    const widget = inWidget(host);
    const launcher = widget.getByRole('button', { name: 'Open chat' });
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(host?.shadowRoot?.mode).toBe('open');

    // The panel is a second stage, loaded on the first use at the latest.
    window.Chatlet?.open();
    // The first import of the panel stage's sources takes a while under vitest.
    await vi.waitFor(() => expect(widget.getByRole('dialog', { name: 'Help' })).toBeTruthy(), {
      timeout: 5_000,
    });
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
  });

  it('announces itself with a chatlet:ready event on window', async () => {
    const ready = vi.fn<(event: Event) => void>();
    window.addEventListener('chatlet:ready', ready, { once: true });
    await loadScriptTag({ 'data-endpoint': '/chat' });
    expect(ready).toHaveBeenCalledTimes(1);
    const event = ready.mock.calls[0]?.[0];
    expect(event instanceof CustomEvent && event.detail).toBe(window.Chatlet);
  });

  it('takes the language from <html lang> when data-lang is absent', async () => {
    document.documentElement.lang = 'de-AT';
    await loadScriptTag({ 'data-endpoint': '/chat' });
    expect(
      inWidget(document.querySelector('chatlet-widget')).getByRole('button', {
        name: 'Chat öffnen',
      }),
    ).toBeTruthy();
  });

  it('logs one error naming data-endpoint and renders nothing when it is missing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await loadScriptTag({ 'data-kb-topic': 'billing' });
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toContain('data-endpoint');
    expect(document.querySelector('chatlet-widget')).toBeNull();
    expect(window.Chatlet).toBeUndefined();
  });

  it('logs one error for an invalid attribute and renders nothing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await loadScriptTag({ 'data-endpoint': '/chat', 'data-theme': 'neon' });
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toContain('data-theme');
    expect(document.querySelector('chatlet-widget')).toBeNull();
  });

  it('removes the widget once the panel stage refuses data-metadata, with one error', async () => {
    // Checked by the panel stage, not the loader: it is evaluated on the first use.
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await loadScriptTag({ 'data-endpoint': '/chat', 'data-metadata': '{"bad key":1}' });
    window.Chatlet?.open();
    await vi.waitFor(() => expect(document.querySelector('chatlet-widget')).toBeNull(), {
      timeout: 5_000,
    });
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toContain('client_metadata');
    expect(window.Chatlet).toBeUndefined();
  }, 15_000);

  it('names the launcher from a data-strings override', async () => {
    await loadScriptTag({ 'data-endpoint': '/chat', 'data-strings': '{"openChat":"Ask us"}' });
    const widget = inWidget(document.querySelector('chatlet-widget'));
    expect(widget.getByRole('button', { name: 'Ask us' })).toBeTruthy();
  });

  it('keeps its styles inside the shadow root', async () => {
    await loadScriptTag({ 'data-endpoint': '/chat' });
    // jsdom cannot adopt constructable stylesheets, so this is the <style> fallback.
    const root = document.querySelector('chatlet-widget')?.shadowRoot;
    expect(root?.querySelector('style')).not.toBeNull();
    expect(document.querySelectorAll('style')).toHaveLength(0);
  });
});
