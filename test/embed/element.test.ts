import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_MARK } from '../../src/shell/shell.ts';
import type { ChatletElement } from '../../src/embed/element.ts';
import { loadChatletPanel } from '../../src/embed/index.ts';
import { loadLocaleChunk } from '../../src/embed/locale-chunk.ts';
import { inWidget, settle } from './helpers.ts';

// The panel and its strings are chunks of their own, loaded on first use (element-staged.test.ts
// shows when); loaded once here, every widget's first use completes within the tests' settle().
beforeAll(async () => {
  await import('../../src/embed/element.ts');
  await Promise.all([loadChatletPanel(), loadLocaleChunk('en')]);
});

afterEach(() => {
  document.body.replaceChildren();
  localStorage.clear();
  vi.restoreAllMocks();
});

async function place(attributes: Record<string, string>): Promise<ChatletElement> {
  const element = document.createElement('chatlet-widget');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.body.append(element);
  await settle();
  return element;
}

describe('<chatlet-widget>', () => {
  it('renders the widget from its attributes', async () => {
    const element = await place({ endpoint: '/chat', lang: 'de' });
    expect(inWidget(element).getByRole('button', { name: 'Chat öffnen' })).toBeTruthy();
  });

  it('remounts when an attribute changes, keeping the panel open', async () => {
    const element = await place({ endpoint: '/chat', title: 'Help' });
    inWidget(element).getByRole('button', { name: 'Open chat' }).click();
    await settle();
    element.setAttribute('title', 'Support');
    await settle();
    expect(inWidget(element).getByRole('dialog', { name: 'Support' })).toBeTruthy();
  });

  it('logs one error without the data- prefix when the endpoint is missing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const element = await place({ 'kb-topic': 'billing' });
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toMatch(/set the endpoint attribute/);
    expect(element.shadowRoot).toBeNull();
  });

  it('mounts once the framework sets the endpoint after connecting', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const element = document.createElement('chatlet-widget');
    document.body.append(element);
    element.setAttribute('endpoint', '/chat');
    await settle();
    expect(error).not.toHaveBeenCalled();
    expect(inWidget(element).getByRole('button', { name: 'Open chat' })).toBeTruthy();
  });

  it('removes the widget when taken out of the page', async () => {
    const element = await place({ endpoint: '/chat' });
    element.remove();
    await settle();
    expect(element.shadowRoot?.querySelector('button')).toBeNull();
  });

  it('leaves a host created by the script tag alone', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const element = await place({ [HOST_MARK]: '' });
    expect(error).not.toHaveBeenCalled();
    expect(element.shadowRoot).toBeNull();
  });

  it('has its handle the moment it is connected, replaying early calls once mounted', async () => {
    const element = document.createElement('chatlet-widget');
    element.setAttribute('endpoint', '/chat');
    element.setAttribute('title', 'Help');
    expect(element.chatlet).toBeUndefined();
    document.body.append(element);
    const handle = element.chatlet;
    expect(handle).toBeDefined();
    const opened: string[] = [];
    handle?.on('open', () => opened.push('open'));
    handle?.open();
    await settle();
    expect(inWidget(element).getByRole('dialog', { name: 'Help' })).toBeTruthy();
    expect(opened).toEqual(['open']);
  });

  it('dispatches every handle event as a bubbling, composed chatlet-* DOM event', async () => {
    const seen: Array<[string, boolean, boolean]> = [];
    for (const name of ['chatlet-ready', 'chatlet-open', 'chatlet-close']) {
      document.addEventListener(name, (event) =>
        seen.push([event.type, event.bubbles, event.composed]),
      );
    }
    const element = await place({ endpoint: '/chat' });
    element.chatlet?.open();
    element.chatlet?.close();
    await settle();
    expect(seen).toEqual([
      ['chatlet-ready', true, true],
      ['chatlet-open', true, true],
      ['chatlet-close', true, true],
    ]);
  });

  it('keeps handle listeners across a remount for a changed attribute', async () => {
    const element = await place({ endpoint: '/chat', title: 'Help' });
    const events: string[] = [];
    element.chatlet?.on('open', () => events.push('open'));
    element.setAttribute('title', 'Support');
    await settle();
    element.chatlet?.open();
    await settle();
    expect(events).toEqual(['open']);
  });

  it('a remount leaves one widget in the element, without what the previous options set', async () => {
    const element = await place({
      endpoint: '/chat',
      theme: 'dark',
      position: 'left',
      'primary-color': '#0a7d33',
    });
    // Open, so the panel stage has put its sheet in too (and puts it in again after the remount).
    element.chatlet?.open();
    await settle();
    element.removeAttribute('primary-color');
    element.setAttribute('theme', 'light');
    element.removeAttribute('position');
    await settle();
    const root = element.shadowRoot;
    expect(root?.querySelectorAll('button.launcher')).toHaveLength(1);
    // jsdom adopts no sheets, so each stage's sheet is a <style>: the launcher's and the panel's.
    expect(root?.querySelectorAll('style')).toHaveLength(2);
    expect({ ...element.dataset }).toEqual({ theme: 'light', position: 'right' });
    expect(element.style.getPropertyValue('--chatlet-primary')).toBe('');
  });
});
