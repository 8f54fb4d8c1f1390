import { act, cleanup, render } from '@testing-library/react';
import { createElement, createRef, StrictMode } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadChatletPanel, type ChatletHandle } from '../../src/embed/index.ts';
import { Chatlet, type ChatletProps } from '../../src/frameworks/react.ts';
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

const chatlet = (props: ChatletProps, ref?: React.Ref<ChatletHandle | undefined>) =>
  createElement(Chatlet, { ...props, ref });

describe('chatlet/react <Chatlet>', () => {
  it('mounts one widget under StrictMode and removes it on unmount', async () => {
    const view = render(createElement(StrictMode, null, chatlet({ endpoint })));
    await act(settle);
    expect(hosts()).toHaveLength(1);
    inWidget(hosts()[0]).getByRole('button', { name: 'Open chat' });
    view.unmount();
    expect(hosts()).toHaveLength(0);
  });

  it('gives the handle to a ref and calls the event callbacks', async () => {
    const proxy = stubProxy('Hi, how can I help?');
    const ref = createRef<ChatletHandle | undefined>();
    const events: string[] = [];
    render(
      chatlet(
        {
          endpoint,
          onOpen: () => events.push('open'),
          onClose: () => events.push('close'),
          onMessage: (message) => events.push(`${message.role}: ${message.text}`),
        },
        ref,
      ),
    );
    await act(settle);
    act(() => ref.current?.open());
    await act(async () => {
      ref.current?.send('Where is my order?');
      await vi.waitFor(() => expect(events).toContain('assistant: Hi, how can I help?'));
    });
    act(() => ref.current?.close());
    expect(proxy.texts).toEqual(['Where is my order?']);
    expect(events).toEqual([
      'open',
      'user: Where is my order?',
      'assistant: Hi, how can I help?',
      'close',
    ]);
  });

  it('a new callback or an equal strings object does not remount; a new title does', async () => {
    const view = render(chatlet({ endpoint, strings: { send: 'Go' }, onOpen: () => {} }));
    await act(settle);
    const first = hosts()[0];
    view.rerender(chatlet({ endpoint, strings: { send: 'Go' }, onOpen: () => {} }));
    await act(settle);
    expect(hosts()[0]).toBe(first);
    view.rerender(chatlet({ endpoint, title: 'Help', strings: { send: 'Go' } }));
    await act(settle);
    expect(hosts()).toHaveLength(1);
    expect(hosts()[0]).not.toBe(first);
  });

  it('applies a new kbTopic to the running widget without remounting', async () => {
    const proxy = stubProxy();
    const ref = createRef<ChatletHandle | undefined>();
    const view = render(chatlet({ endpoint, kbTopic: 'billing' }, ref));
    await act(settle);
    const first = hosts()[0];
    const setKbTopic = vi.spyOn(ref.current as ChatletHandle, 'setKbTopic');
    view.rerender(chatlet({ endpoint, kbTopic: 'shipping' }, ref));
    await act(settle);
    expect(hosts()[0]).toBe(first);
    expect(setKbTopic).toHaveBeenCalledWith('shipping');
    expect(proxy.texts).toEqual([]);
  });

  it('reports invalid options on the console and renders nothing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(chatlet({ endpoint: '' }));
    await act(settle);
    expect(hosts()).toHaveLength(0);
    expect(String(error.mock.calls[0]?.[0])).toMatch(/endpoint/);
  });
});
