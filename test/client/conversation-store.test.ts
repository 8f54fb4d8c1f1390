import { describe, expect, it, vi } from 'vitest';
import { createConversationStore } from '../../src/client/conversation-store.ts';
import { openStorage } from '../../src/client/storage.ts';
import type { ChatMessage, DeliveryState } from '../../src/core/messages.ts';
import { FakeStorage } from './fake-storage.ts';

const BASE = 'https://shop.example/help/page.html';

function setup(historyLimit = 100) {
  const local = new FakeStorage();
  const storage = openStorage({
    localStorage: () => local,
    warn: vi.fn<(message: string) => void>(),
  });
  const warn = vi.fn<(message: string) => void>();
  const store = createConversationStore(storage, '/chat', { historyLimit, baseUrl: BASE, warn });
  return { local, storage, store, warn };
}

/** The ids of the messages stored in `local` under the store's key. */
function storedIds(local: FakeStorage, key: string): string[] {
  const record = JSON.parse(local.getItem(key) ?? 'null') as { messages: ChatMessage[] } | null;
  return record?.messages.map((m) => m.id) ?? [];
}

/** Eight exchanges, oldest first: user-1, bot-2, … user-15, bot-16. */
const exchanges = (): ChatMessage[] =>
  Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? user(i + 1) : bot(i + 1)));

function user(n: number, state: DeliveryState = 'sent'): ChatMessage {
  return { id: `user-${n}`, role: 'user', text: `question ${n}`, state, at: n };
}

function bot(n: number): ChatMessage {
  return { id: `bot-${n}`, role: 'assistant', text: `answer ${n}`, at: n };
}

describe('createConversationStore', () => {
  it('keeps the conversation across a reload', () => {
    const { storage, store } = setup();
    store.save({ token: 'tok', messages: [user(1), bot(2)] });

    const reloaded = createConversationStore(storage, '/chat', {
      historyLimit: 100,
      baseUrl: BASE,
    });
    expect(reloaded.load()).toEqual({
      token: 'tok',
      messages: [user(1), bot(2)],
    });
  });

  it('starts empty when nothing is stored', () => {
    const { store } = setup();

    expect(store.load()).toEqual({ token: undefined, messages: [] });
  });

  it('keys the conversation by the absolute endpoint URL', () => {
    const { store } = setup();

    expect(store.key).toBe('chatlet:v1:https://shop.example/chat');
  });

  it('resolves a relative endpoint against the page address', () => {
    vi.stubGlobal('location', { href: 'https://blog.example/posts/1' });
    try {
      const store = createConversationStore(
        openStorage({ warn: vi.fn<(message: string) => void>() }),
        'api/chat',
        {
          historyLimit: 100,
        },
      );
      expect(store.key).toBe('chatlet:v1:https://blog.example/posts/api/chat');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('keeps the conversations of two endpoints apart', () => {
    const { storage, store } = setup();
    const other = createConversationStore(storage, 'https://other.example/chat', {
      historyLimit: 100,
    });
    store.save({ token: 'mine', messages: [user(1)] });

    expect(other.load()).toEqual({ token: undefined, messages: [] });
    other.save({ token: 'theirs', messages: [] });
    expect(store.load().token).toBe('mine');
  });

  it('brings a message that was still sending back as failed, ready to retry', () => {
    const { store } = setup();
    store.save({ token: undefined, messages: [user(1, 'sending')] });

    expect(store.load().messages[0]?.state).toBe('failed');
  });

  it('keeps queued and failed messages across a reload', () => {
    const { store } = setup();
    store.save({ token: 't', messages: [user(1, 'queued'), user(2, 'failed')] });

    expect(store.load().messages.map((m) => m.state)).toEqual(['queued', 'failed']);
  });

  it('caps the history to the newest messages on save and on load', () => {
    const { local, store } = setup(3);
    store.save({ token: 't', messages: [1, 2, 3, 4, 5].map((n) => user(n)) });

    expect(store.load().messages.map((m) => m.id)).toEqual(['user-3', 'user-4', 'user-5']);
    local.setItem(store.key, JSON.stringify({ messages: [1, 2, 3, 4].map((n) => user(n)) }));
    expect(store.load().messages.map((m) => m.id)).toEqual(['user-2', 'user-3', 'user-4']);
  });

  it.each([
    ['corrupt JSON', '{"token":'],
    ['a foreign array', '[1,2,3]'],
    ['a foreign string', '"hello"'],
    ['null', 'null'],
    ['a token that is not a string', '{"token":42,"messages":[]}'],
  ])('treats %s as an empty conversation', (_name, raw) => {
    const { local, store } = setup();
    local.setItem(store.key, raw);

    expect(store.load()).toEqual({ token: undefined, messages: [] });
  });

  it('drops malformed messages but keeps the rest', () => {
    const { local, store } = setup();
    local.setItem(store.key, JSON.stringify({ token: 't', messages: [{ id: 1 }, user(2), 'x'] }));

    expect(store.load()).toEqual({ token: 't', messages: [user(2)] });
  });

  it('forgets the conversation on clear', () => {
    const { local, store } = setup();
    store.save({ token: 't', messages: [user(1)] });
    store.clear();

    expect(store.load()).toEqual({ token: undefined, messages: [] });
    expect(local.getItem(store.key)).toBeNull();
  });

  it('drops old delivered messages, never queued ones, when the quota is full', () => {
    const { local, store } = setup();
    const messages = [user(1, 'queued'), bot(2), user(3), bot(4), user(5, 'failed'), bot(6)];
    const roomFor = (kept: ChatMessage[]) =>
      store.key.length + JSON.stringify({ messages: kept, token: 't' }).length;
    local.quota = roomFor([user(1, 'queued'), user(5, 'failed'), bot(6)]);

    store.save({ token: 't', messages });

    const stored = JSON.parse(local.getItem(store.key) ?? 'null') as { messages: ChatMessage[] };
    expect(stored.messages.map((m) => m.id)).toEqual(['user-1', 'user-5', 'bot-6']);
    expect(store.load().token).toBe('t');
  });

  it('stores the newest messages that fit, not a halved history, and says so truthfully', () => {
    const { local, store, warn } = setup();
    const messages = exchanges();
    local.quota =
      store.key.length + JSON.stringify({ messages: messages.slice(3), token: 't' }).length;

    store.save({ token: 't', messages });

    // 13 would fit but would open on an orphaned reply (bot-4): the copy starts at its question.
    expect(storedIds(local, store.key)).toEqual(messages.slice(4).map((m) => m.id));
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]?.[0]).toMatch(
      /QuotaExceededError.*only the newest messages are saved.*panel still shows them all/,
    );
  });

  it('trims a copy: the list it was given, what the panel shows, stays whole', () => {
    const { local, store } = setup();
    const messages = exchanges();
    const before = structuredClone(messages);
    local.quota = store.key.length + JSON.stringify({ messages: messages.slice(10) }).length;

    store.save({ token: undefined, messages });

    expect(messages).toEqual(before);
    expect(storedIds(local, store.key)).toEqual(messages.slice(10).map((m) => m.id));
  });

  it('warns once per kind of shortfall, however often it recurs', () => {
    const { local, store, warn } = setup();
    local.quota = store.key.length + JSON.stringify({ messages: exchanges().slice(12) }).length;

    for (let round = 0; round < 3; round += 1)
      store.save({ token: undefined, messages: exchanges() });
    local.quota = 0;
    store.save({ token: undefined, messages: [user(1, 'queued')] });
    store.save({ token: undefined, messages: [user(1, 'queued')] });

    expect(warn.mock.calls.map(([text]) => text)).toEqual([
      expect.stringMatching(/only the newest messages are saved/),
      expect.stringMatching(/refused the conversation.*a reload loses its latest messages/),
    ]);
  });

  it('keeps the token when not even one delivered message fits', () => {
    const { local, store } = setup();
    local.quota = store.key.length + JSON.stringify({ messages: [], token: 't' }).length;

    store.save({ token: 't', messages: [user(1), bot(2)] });

    expect(local.getItem(store.key)).toBe('{"messages":[],"token":"t"}');
  });

  it('never trades an unsent message for room: this page keeps it and still sends it', () => {
    const { local, store } = setup();
    local.quota = store.key.length + JSON.stringify({ messages: [], token: 't' }).length;

    store.save({ token: 't', messages: [user(1, 'queued'), bot(2)] });

    expect(store.load().messages).toEqual([user(1, 'queued'), bot(2)]);
  });

  it('keeps the whole conversation for this page when nothing fits at all', () => {
    const { local, store } = setup();
    local.quota = 0;

    store.save({ token: 't', messages: [user(1, 'queued'), bot(2)] });

    expect(local.getItem(store.key)).toBeNull();
    expect(store.load()).toEqual({ token: 't', messages: [user(1, 'queued'), bot(2)] });
  });

  it('never throws, even with storage blocked outright', () => {
    const storage = openStorage({
      localStorage: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      sessionStorage: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      warn: vi.fn<(message: string) => void>(),
    });
    const store = createConversationStore(storage, 'not a url', { historyLimit: 100 });

    store.save({ token: 't', messages: [user(1)] });
    expect(store.load()).toEqual({ token: 't', messages: [user(1)] });
    expect(store.key).toBe('chatlet:v1:not a url');
  });
});
