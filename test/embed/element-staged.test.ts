import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChatletElement } from '../../src/embed/element.ts';
import { stubProxy } from '../frameworks/stub-proxy.ts';
import { inWidget, settle } from './helpers.ts';

// What the panel's chunk does, seen from outside: whether its modules were evaluated at all (the
// Preact panel and the npm panel stage), and which widgets asked it for their panel stage.
const seen = vi.hoisted(() => ({ panelModule: false, preactPanel: false, stages: 0 }));
vi.mock('../../src/ui/mount.tsx', async (importOriginal) => {
  seen.preactPanel = true;
  return importOriginal();
});
vi.mock('../../src/embed/panel-npm.ts', async (importOriginal) => {
  seen.panelModule = true;
  const original = await importOriginal<typeof import('../../src/embed/panel-npm.ts')>();
  return {
    ...original,
    npmPanelStage: (...args: Parameters<typeof original.npmPanelStage>) => {
      seen.stages += 1;
      return original.npmPanelStage(...args);
    },
  };
});

beforeAll(async () => {
  await import('../../src/embed/element.ts');
});

afterEach(() => {
  document.body.replaceChildren();
  localStorage.clear();
  seen.stages = 0;
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function place(attributes: Record<string, string>): Promise<ChatletElement> {
  const element = document.createElement('chatlet-widget');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.body.append(element);
  // Several turns: enough for a panel that would load by itself to have been asked for.
  for (let turn = 0; turn < 5; turn += 1) await settle();
  return element;
}

const launcher = (element: Element): HTMLElement =>
  inWidget(element).getByRole('button', { name: 'Open chat' });

// The module flags hold for the whole file: this test runs first, before anything loaded the panel.
describe('<chatlet-widget> in two stages, as createChatlet', () => {
  it('shows the launcher without evaluating the panel, and loads it when pointed at', async () => {
    const ready = vi.fn<() => void>();
    document.addEventListener('chatlet-ready', ready, { once: true });
    const element = await place({ endpoint: '/chat' });
    expect(launcher(element)).toBeTruthy();
    // The handle is usable from the start, so the page hears `ready` without the panel.
    expect(ready).toHaveBeenCalledTimes(1);
    expect(seen).toEqual({ panelModule: false, preactPanel: false, stages: 0 });

    launcher(element).dispatchEvent(new Event('pointerenter'));
    // The first import of the panel's modules is transformed on the way: it may take seconds here.
    await vi.waitFor(
      () => expect(seen).toEqual({ panelModule: true, preactPanel: true, stages: 1 }),
      { timeout: 20_000 },
    );
    // The panel stage took the launcher over: it now says whether the panel is expanded.
    await vi.waitFor(() => expect(launcher(element).getAttribute('aria-expanded')).toBe('false'));
    // Loaded, not opened: pointing at the launcher is not a click.
    expect(inWidget(element).queryByRole('dialog')).toBeNull();
  });

  it.each([
    ['focuses the launcher', (element: ChatletElement) => launcher(element).focus(), false],
    ['clicks the launcher', (element: ChatletElement) => launcher(element).click(), true],
    ['calls the handle', (element: ChatletElement) => element.chatlet?.open(), true],
  ])('loads the panel stage only when the visitor or the page %s', async (_, use, opens) => {
    const element = await place({ endpoint: '/chat', title: 'Help' });
    element.chatlet?.setKbTopic('billing');
    await settle();
    expect(seen.stages).toBe(0);

    use(element);
    await vi.waitFor(() => expect(seen.stages).toBe(1));
    if (opens) await vi.waitFor(() => inWidget(element).getByRole('dialog', { name: 'Help' }));
  });

  it('applies kb-topic and message-context changed before the panel loaded, without loading it', async () => {
    const proxy = vi.fn<(body: Record<string, unknown>) => void>();
    stubProxy();
    const fetch = globalThis.fetch;
    vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
      proxy(JSON.parse(String(init.body)) as Record<string, unknown>);
      return fetch(url, init);
    });
    const element = await place({ endpoint: '/chat', 'kb-topic': 'billing' });
    element.setAttribute('kb-topic', 'shipping');
    element.setAttribute('message-context', 'Cart: 2 items');
    await place({});
    expect(seen.stages).toBe(0);

    element.chatlet?.send('Where is my parcel?');
    await vi.waitFor(() => expect(proxy).toHaveBeenCalledTimes(1));
    expect(proxy.mock.calls[0]?.[0]).toMatchObject({
      text: 'Where is my parcel?',
      message_context: 'Cart: 2 items',
      client_metadata: { kb_topic: 'shipping' },
    });
  });

  it('loads the panel at once in inline mode, as the script tag does', async () => {
    const element = await place({ endpoint: '/chat', mode: 'inline', title: 'Help' });
    await vi.waitFor(() => inWidget(element).getByRole('region', { name: 'Help' }));
    expect(seen.stages).toBe(1);
  });
});
