import { describe, expect, it, vi } from 'vitest';
import { createConversationStore } from '../../src/client/conversation-store.ts';
import { openStorage, type SafeStorage } from '../../src/client/storage.ts';
import { ChatletError } from '../../src/core/errors.ts';
import { REPLY_CHARS } from '../../src/core/messages.ts';
import {
  createChatModel,
  type ChatEvent,
  type ChatModelDeps,
  type SendContext,
} from '../../src/ui/chat-model.ts';
import { FakeStorage } from '../client/fake-storage.ts';
import { FakeClient, memoryStorage, sequentialIds } from './fakes.ts';

/** Lets the model's promise chains run to their next wait. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function setup(overrides: Partial<ChatModelDeps> = {}, storage: SafeStorage = memoryStorage()) {
  const client = new FakeClient();
  const store = createConversationStore(storage, 'https://proxy.test/chat', { historyLimit: 100 });
  const model = createChatModel({
    client,
    store,
    newId: sequentialIds(),
    now: () => 1_700_000_000_000,
    ...overrides,
  });
  return { client, store, storage, model };
}

describe('the conversation model', () => {
  it('sends a message and appends the reply after it', async () => {
    const { client, model } = setup();
    const id = model.send('Hello');
    expect(model.status.value.kind).toBe('waiting');

    const request = await client.reply({ reply: 'Hi there' });
    await settle();

    expect(request).toMatchObject({ text: 'Hello', client_message_id: id });
    expect(request.conversation).toBeUndefined();
    expect(model.messages.value.map((m) => [m.role, m.text, m.state])).toEqual([
      ['user', 'Hello', 'sent'],
      ['assistant', 'Hi there', undefined],
    ]);
    expect(model.status.value.kind).toBe('idle');
  });

  it('ignores blank messages', () => {
    const { client, model } = setup();
    expect(model.send('   \n ')).toBeUndefined();
    expect(model.messages.value).toEqual([]);
    expect(client.requests).toEqual([]);
  });

  it('continues with the token of the previous reply, one request at a time', async () => {
    const { client, model } = setup();
    model.send('First');
    model.send('Second');
    await settle();
    expect(client.requests).toHaveLength(1);

    await client.reply({ conversation: 'token-A' });
    const second = await client.reply({ conversation: 'token-B' });
    expect(second.conversation).toBe('token-A');
  });

  it('keeps the conversation after a reload', async () => {
    const storage = memoryStorage();
    const first = setup({}, storage);
    first.model.send('Where is my invoice?');
    await first.client.reply({ conversation: 'token-A', reply: 'In your account.' });
    await settle();

    const second = setup({}, storage);
    expect(second.model.messages.value.map((m) => m.text)).toEqual([
      'Where is my invoice?',
      'In your account.',
    ]);
    second.model.send('Thanks');
    expect((await second.client.reply()).conversation).toBe('token-A');
  });

  it('stores the new token when the proxy started a new conversation', async () => {
    const { client, model } = setup();
    model.send('One');
    await client.reply({ conversation: 'old' });
    model.send('Two');
    await client.reply({ conversation: 'fresh', conversation_reset: true });
    model.send('Three');
    expect((await client.reply()).conversation).toBe('fresh');
  });

  it('sends kb_topic and message_context from the context read at each send', async () => {
    let context: SendContext = { kbTopic: 'billing', messageContext: 'Plan: pro' };
    const { client, model } = setup({ context: () => context });
    model.send('One');
    const first = await client.reply();
    context = { kbTopic: 'shipping' };
    model.send('Two');
    const second = await client.reply();
    expect(first.client_metadata).toEqual({ kb_topic: 'billing' });
    expect(first.message_context).toBe('Plan: pro');
    expect(second.client_metadata).toEqual({ kb_topic: 'shipping' });
    expect(second.message_context).toBeUndefined();
  });

  it('sends just what the page says once it stops naming a topic (the proxy keeps the key)', async () => {
    let context: SendContext = { kbTopic: 'billing' };
    const { client, model } = setup({ context: () => context });
    model.send('One');
    await client.reply();
    context = {};
    model.send('Two');
    expect((await client.reply()).client_metadata).toBeUndefined();
  });

  it('warns once per send about metadata keys over the limit of five', async () => {
    const warn = vi.fn<(message: string) => void>();
    const { client, model } = setup({
      warn,
      context: () => ({ kbTopic: 't', metadata: { a: 1, b: 2, c: 3, d: 4, e: 5 } }),
    });
    model.send('Hi');
    const request = await client.reply();
    expect(Object.keys(request.client_metadata ?? {})).toHaveLength(5);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('dropped e'));
  });

  it('marks a message failed, keeps its text, and retries it under the same id', async () => {
    const onEvent = vi.fn<(event: ChatEvent) => void>();
    const { client, model } = setup({ onEvent });
    const id = model.send('Hello');
    await client.fail(new ChatletError('upstream', 'Bad gateway', { status: 502 }));
    await settle();

    expect(model.messages.value).toMatchObject([{ id, text: 'Hello', state: 'failed' }]);
    expect(model.failures.value[id ?? '']?.code).toBe('upstream');
    expect(onEvent).toHaveBeenCalledWith(expect.objectContaining({ type: 'error' }));

    model.retry(id ?? '');
    const retried = await client.reply();
    await settle();
    expect(retried.client_message_id).toBe(id);
    expect(model.messages.value.map((m) => m.state)).toEqual(['sent', undefined]);
    expect(model.failures.value).toEqual({});
  });

  it('queues a message while offline and sends it when the connection is back', async () => {
    let online = false;
    const { client, model } = setup({ online: () => online });
    model.send('Are you there?');
    await settle();
    expect(client.requests).toEqual([]);
    expect(model.messages.value[0]?.state).toBe('queued');
    expect(model.status.value.kind).toBe('offline');

    online = true;
    model.setOnline(true);
    expect((await client.reply()).text).toBe('Are you there?');
  });

  it('queues instead of failing when the network drops while offline', async () => {
    let online = true;
    const { client, model } = setup({ online: () => online });
    model.send('Hello');
    online = false;
    await client.fail(new ChatletError('network', 'Failed to fetch'));
    await settle();
    expect(model.messages.value[0]?.state).toBe('queued');
    expect(model.failures.value).toEqual({});
  });

  it('sends messages queued in an earlier page view', async () => {
    const storage = memoryStorage();
    const offline = setup({ online: () => false }, storage);
    offline.model.send('Queued before the reload');
    await settle();

    const reloaded = setup({}, storage);
    expect((await reloaded.client.reply()).text).toBe('Queued before the reload');
  });

  it('forgets everything on reset, also in storage', async () => {
    const storage = memoryStorage();
    const { client, model } = setup({}, storage);
    model.send('Hello');
    await client.reply({ conversation: 'token-A' });
    await settle();
    model.reset();
    expect(model.messages.value).toEqual([]);

    model.send('New start');
    expect((await client.reply()).conversation).toBeUndefined();
    expect(setup({}, storage).model.messages.value.map((m) => m.text)).toEqual([
      'New start',
      'Answer to New start',
    ]);
  });

  it('drops the reply of a request that was in flight when the conversation was reset', async () => {
    const onEvent = vi.fn<(event: ChatEvent) => void>();
    const { client, model } = setup({ onEvent });
    model.send('Hello');
    await settle();
    model.reset();
    await client.reply({ reply: 'Too late' });
    await settle();
    expect(model.messages.value).toEqual([]);
    expect(onEvent).not.toHaveBeenCalledWith(expect.objectContaining({ type: 'error' }));
  });

  it('resends a message that was in flight when the page went away, under the same id', async () => {
    const storage = memoryStorage();
    const first = setup({}, storage);
    const id = first.model.send('Hello');
    await first.client.next();
    first.model.dispose();

    const reloaded = setup({}, storage);
    expect(reloaded.model.messages.value[0]?.state).not.toBe('failed');
    expect((await reloaded.client.reply()).client_message_id).toBe(id);
  });
});

/** One lock for several "tabs": a job runs only when no other tab's job is running. */
function sharedLock(): NonNullable<ChatModelDeps['exclusive']> {
  let held = false;
  return async (job) => {
    if (held) return false;
    held = true;
    try {
      await job(new AbortController().signal);
    } finally {
      held = false;
    }
    return true;
  };
}

describe('the conversation model on a storage that is nearly full', () => {
  /** A localStorage with room for about `room` more characters. */
  function nearlyFull(room: number) {
    const local = new FakeStorage();
    local.quota = room;
    const storage = openStorage({ localStorage: () => local, warn: () => {} });
    return { local, storage };
  }

  it('never shrinks what the panel shows; storage keeps the newest messages that fit', async () => {
    const { local, storage } = nearlyFull(900);
    const { client, store, model } = setup({}, storage);
    for (let n = 1; n <= 8; n += 1) {
      model.send(`Question ${n}`);
      await client.reply({ reply: `Answer ${n}` });
      await settle();
    }

    expect(model.messages.value.map((m) => m.text)).toEqual(
      Array.from({ length: 8 }, (_, i) => [`Question ${i + 1}`, `Answer ${i + 1}`]).flat(),
    );
    const stored = JSON.parse(local.getItem(store.key) ?? 'null') as { messages: unknown[] };
    expect(stored.messages.length).toBeGreaterThan(0);
    expect(stored.messages.length).toBeLessThan(16);
    expect(store.load().messages[0]?.role).toBe('user');
  });

  it("keeps this tab's messages when another tab's trimmed copy arrives, and clears on a reset", async () => {
    const { storage } = nearlyFull(700);
    const a = setup({}, storage);
    for (let n = 1; n <= 4; n += 1) {
      a.model.send(`Question ${n}`);
      await a.client.reply();
      await settle();
    }

    a.model.reload();
    expect(a.model.messages.value).toHaveLength(8);
    storage.remove(a.store.key);
    a.model.reload(true);
    expect(a.model.messages.value).toEqual([]);
  });

  it('keeps a reply no longer than the panel shows it', async () => {
    const { client, model } = setup();
    model.send('Tell me everything');
    await client.reply({ reply: 'z'.repeat(REPLY_CHARS + 1000) });
    await settle();

    expect(model.messages.value[1]?.text).toHaveLength(REPLY_CHARS);
  });
});

describe('the conversation model in several tabs', () => {
  it('shows a message sent in another tab after a reload', async () => {
    const storage = memoryStorage();
    const exclusive = sharedLock();
    const a = setup({ exclusive }, storage);
    const b = setup({ exclusive }, storage);
    a.model.send('From tab A');
    await a.client.reply({ reply: 'Hello A' });
    await settle();

    b.model.reload();
    expect(b.model.messages.value.map((m) => m.text)).toEqual(['From tab A', 'Hello A']);
  });

  it('sends a queued message once, from the tab that holds the outbox', async () => {
    const storage = memoryStorage();
    const exclusive = sharedLock();
    let online = false;
    const a = setup({ exclusive, online: () => online }, storage);
    const b = setup({ exclusive, online: () => online }, storage);
    a.model.send('Queued while offline');
    await settle();
    b.model.reload();

    online = true;
    a.model.setOnline(true);
    b.model.setOnline(true);
    await a.client.reply();
    await settle();
    expect(a.client.requests.length + b.client.requests.length).toBe(1);
    b.model.reload();
    expect(b.model.messages.value.map((m) => m.state)).toEqual(['sent', undefined]);
  });

  it('lets the tab holding the outbox also send what another tab queued meanwhile', async () => {
    const storage = memoryStorage();
    const exclusive = sharedLock();
    const a = setup({ exclusive }, storage);
    const b = setup({ exclusive }, storage);
    a.model.send('First, from A');
    await a.client.next().then((pending) => a.client.pending.unshift(pending));
    b.model.reload();
    b.model.send('Second, from B');
    await settle();
    expect(b.client.requests).toEqual([]);

    await a.client.reply();
    const second = await a.client.reply();
    expect(second.text).toBe('Second, from B');
  });
});
