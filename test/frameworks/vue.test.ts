import { cleanup, render } from '@testing-library/vue';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { loadChatletPanel, type ChatletHandle } from '../../src/embed/index.ts';
import { Chatlet } from '../../src/frameworks/vue.ts';
import { inWidget, settle } from '../embed/helpers.ts';
import { hosts, stubProxy } from './stub-proxy.ts';

const endpoint = 'https://proxy.test/chat';

// The panel is a chunk of its own that a widget loads on first use; loaded once here, so a first
// use completes within the waits below however slowly the test runner transforms the chunk.
beforeAll(loadChatletPanel);

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('chatlet/vue <Chatlet>', () => {
  it('mounts one widget, emits the handle events and removes it on unmount', async () => {
    const proxy = stubProxy('Hi there');
    const view = render(Chatlet, { props: { endpoint, title: 'Help' } });
    await settle();
    expect(hosts()).toHaveLength(1);
    const widget = inWidget(hosts()[0]);
    widget.getByRole('button', { name: 'Open chat' }).click();
    await vi.waitFor(() => widget.getByRole('dialog', { name: 'Help' }));
    const handle = (view.emitted() as Record<string, unknown[][]>)['open'];
    expect(handle).toHaveLength(1);
    const exposed = hosts()[0];
    expect(exposed).toBeTruthy();
    view.unmount();
    expect(hosts()).toHaveLength(0);
    expect(proxy.texts).toEqual([]);
  });

  it('exposes the handle through a template ref and emits message for both sides', async () => {
    const proxy = stubProxy('Parcels leave within a day.');
    const chat = ref<{ handle: ChatletHandle | undefined }>();
    const messages: string[] = [];
    const Parent = defineComponent({
      setup: () => () =>
        h(Chatlet, {
          endpoint,
          ref: chat,
          onMessage: (message: { role: string; text: string }) =>
            messages.push(`${message.role}: ${message.text}`),
        }),
    });
    render(Parent);
    await settle();
    chat.value?.handle?.send('When do you ship?');
    await vi.waitFor(() => expect(messages).toHaveLength(2));
    expect(messages).toEqual(['user: When do you ship?', 'assistant: Parcels leave within a day.']);
    expect(proxy.texts).toEqual(['When do you ship?']);
  });

  it('updates kbTopic live and remounts for another option', async () => {
    const view = render(Chatlet, { props: { endpoint, kbTopic: 'billing' } });
    await settle();
    const first = hosts()[0];
    await view.rerender({ endpoint, kbTopic: 'shipping' });
    await nextTick();
    expect(hosts()[0]).toBe(first);
    await view.rerender({ endpoint, kbTopic: 'shipping', title: 'Support' });
    await nextTick();
    expect(hosts()).toHaveLength(1);
    expect(hosts()[0]).not.toBe(first);
  });
});
