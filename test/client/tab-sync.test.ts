import { describe, expect, it, vi } from 'vitest';
import { openStorage } from '../../src/client/storage.ts';
import { createTabSync, type StorageChange, type TabMessage } from '../../src/client/tab-sync.ts';
import { FakeStorage } from './fake-storage.ts';

/** BroadcastChannels of one origin: a post reaches every other open channel of the same name. */
function fakeBroadcast() {
  const open = new Set<FakeChannel>();
  class FakeChannel {
    private readonly listeners = new Set<(event: { data: unknown }) => void>();
    constructor(readonly name: string) {
      open.add(this);
    }
    addEventListener(_type: 'message', listener: (event: { data: unknown }) => void): void {
      this.listeners.add(listener);
    }
    postMessage(data: unknown): void {
      if (!open.has(this)) throw new DOMException('Channel is closed', 'InvalidStateError');
      for (const other of open) {
        if (other === this || other.name !== this.name) continue;
        for (const listener of other.listeners) listener({ data });
      }
    }
    close(): void {
      open.delete(this);
    }
  }
  return { open, BroadcastChannel: FakeChannel as unknown as typeof BroadcastChannel };
}

/** Tabs sharing one localStorage; a write in one fires `storage` in the others, as browsers do. */
function fakeOrigin() {
  const shared = new FakeStorage();
  const listeners = new Map<object, (event: StorageChange) => void>();
  const tab = () => {
    const self = {};
    const view = Object.create(shared) as FakeStorage;
    view.setItem = (key, value) => {
      shared.setItem(key, value);
      for (const [owner, listener] of listeners) {
        if (owner !== self) listener({ key, newValue: value });
      }
    };
    const addStorageListener = (listener: (event: StorageChange) => void) => {
      listeners.set(self, listener);
      return () => listeners.delete(self);
    };
    const storage = openStorage({ localStorage: () => view, warn: () => {} });
    return { storage, addStorageListener, BroadcastChannel: undefined };
  };
  /** A `storage` event from a tab outside the test, such as a removal. */
  const emit = (event: StorageChange) => {
    for (const listener of listeners.values()) listener(event);
  };
  return { shared, listeners, tab, emit };
}

function received(sync: ReturnType<typeof createTabSync>): TabMessage[] {
  const messages: TabMessage[] = [];
  sync.subscribe((message) => messages.push(message));
  return messages;
}

describe('createTabSync over BroadcastChannel', () => {
  it('tells the other tabs, not itself', () => {
    const { BroadcastChannel } = fakeBroadcast();
    const a = createTabSync('chatlet', { BroadcastChannel });
    const b = createTabSync('chatlet', { BroadcastChannel });
    const inA = received(a);
    const inB = received(b);

    a.post({ type: 'changed' });
    b.post({ type: 'reset' });

    expect(inB).toEqual([{ type: 'changed' }]);
    expect(inA).toEqual([{ type: 'reset' }]);
  });

  it('ignores whatever else is posted on the channel', () => {
    const { BroadcastChannel } = fakeBroadcast();
    const inB = received(createTabSync('chatlet', { BroadcastChannel }));
    const stranger = new BroadcastChannel('chatlet');
    // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a BroadcastChannel has none.
    const say = (data: unknown) => stranger.postMessage(data);

    say('changed');
    say({ type: 'wipe-everything' });
    say(null);

    expect(inB).toEqual([]);
  });

  it('stops calling a subscriber once it unsubscribes', () => {
    const { BroadcastChannel } = fakeBroadcast();
    const a = createTabSync('chatlet', { BroadcastChannel });
    const b = createTabSync('chatlet', { BroadcastChannel });
    const fn = vi.fn<(message: TabMessage) => void>();
    const unsubscribe = b.subscribe(fn);

    unsubscribe();
    a.post({ type: 'changed' });

    expect(fn).not.toHaveBeenCalled();
  });

  it('still tells the other subscribers when one of them throws', () => {
    const { BroadcastChannel } = fakeBroadcast();
    const a = createTabSync('chatlet', { BroadcastChannel });
    const b = createTabSync('chatlet', { BroadcastChannel });
    b.subscribe(() => {
      throw new Error('subscriber bug');
    });
    const inB = received(b);

    expect(() => a.post({ type: 'changed' })).not.toThrow();
    expect(inB).toEqual([{ type: 'changed' }]);
  });

  it('leaves no channel open after repeated create and close', () => {
    const { open, BroadcastChannel } = fakeBroadcast();
    for (let i = 0; i < 50; i += 1) {
      const sync = createTabSync('chatlet', { BroadcastChannel });
      sync.subscribe(() => {});
      sync.close();
      sync.close();
    }

    expect(open.size).toBe(0);
  });

  it('neither posts nor hears anything after close, and does not throw', () => {
    const { BroadcastChannel } = fakeBroadcast();
    const a = createTabSync('chatlet', { BroadcastChannel });
    const b = createTabSync('chatlet', { BroadcastChannel });
    const inB = received(b);
    const inA = received(a);

    a.close();
    expect(() => a.post({ type: 'changed' })).not.toThrow();
    b.post({ type: 'changed' });

    expect(inA).toEqual([]);
    expect(inB).toEqual([]);
  });
});

describe('createTabSync watching the conversation key', () => {
  it('reports a change of the watched key by another tab, and its removal as a reset', () => {
    const origin = fakeOrigin();
    const { BroadcastChannel } = fakeBroadcast();
    const other = origin.tab();
    const sync = createTabSync('chatlet', {
      ...origin.tab(),
      BroadcastChannel,
      watchKey: 'chatlet:v1:https://shop.example/chat',
    });
    const heard = received(sync);

    other.storage.set('chatlet:v1:https://shop.example/chat', '{"messages":[]}');
    other.storage.set('chatlet:v1:https://other.example/chat', '{"messages":[]}');
    origin.emit({ key: 'chatlet:v1:https://shop.example/chat', newValue: null });

    expect(heard).toEqual([{ type: 'changed' }, { type: 'reset' }]);
  });

  it('releases both the channel and the storage listener on close', () => {
    const origin = fakeOrigin();
    const { open, BroadcastChannel } = fakeBroadcast();
    for (let i = 0; i < 20; i += 1) {
      createTabSync('chatlet', { ...origin.tab(), BroadcastChannel, watchKey: 'k' }).close();
    }

    expect(open.size).toBe(0);
    expect(origin.listeners.size).toBe(0);
  });
});

describe('createTabSync without BroadcastChannel', () => {
  it('reaches the other tabs through the storage event', () => {
    const origin = fakeOrigin();
    const a = createTabSync('chatlet', origin.tab());
    const b = createTabSync('chatlet', origin.tab());
    const inA = received(a);
    const inB = received(b);

    a.post({ type: 'changed' });
    a.post({ type: 'changed' });
    b.post({ type: 'reset' });

    expect(inB).toEqual([{ type: 'changed' }, { type: 'changed' }]);
    expect(inA).toEqual([{ type: 'reset' }]);
  });

  it('falls back to the storage event when constructing a BroadcastChannel throws', () => {
    const origin = fakeOrigin();
    const Refusing = function () {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    } as unknown as typeof BroadcastChannel;
    const a = createTabSync('chatlet', { ...origin.tab(), BroadcastChannel: Refusing });
    const inB = received(createTabSync('chatlet', origin.tab()));

    a.post({ type: 'changed' });

    expect(inB).toEqual([{ type: 'changed' }]);
  });

  it('ignores other keys and garbage in the ping key', () => {
    const origin = fakeOrigin();
    const other = origin.tab();
    const inB = received(createTabSync('chatlet', origin.tab()));

    other.storage.set('unrelated', JSON.stringify({ message: { type: 'changed' } }));
    other.storage.set('chatlet:sync:chatlet', '{not json');
    other.storage.set('chatlet:sync:chatlet', JSON.stringify({ message: { type: 'drop-tables' } }));

    expect(inB).toEqual([]);
  });

  it('removes its storage listener on close', () => {
    const origin = fakeOrigin();
    for (let i = 0; i < 50; i += 1) createTabSync('chatlet', origin.tab()).close();

    expect(origin.listeners.size).toBe(0);
  });

  it('is a silent no-op when storage is not shared between tabs', () => {
    const session = new FakeStorage();
    const storage = openStorage({
      localStorage: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      sessionStorage: () => session,
      warn: () => {},
    });
    const addStorageListener = vi.fn<(listener: (event: StorageChange) => void) => () => void>(
      () => () => {},
    );
    const sync = createTabSync('chatlet', {
      storage,
      BroadcastChannel: undefined,
      addStorageListener,
    });

    expect(() => sync.post({ type: 'changed' })).not.toThrow();
    expect(addStorageListener).not.toHaveBeenCalled();
    expect(session.items.size).toBe(0);
    sync.close();
  });

  it('is a silent no-op outside a browser, where there is no window to listen on', () => {
    const storage = openStorage({ localStorage: () => new FakeStorage(), warn: () => {} });
    const sync = createTabSync('chatlet', { storage, BroadcastChannel: undefined });

    expect(() => sync.post({ type: 'changed' })).not.toThrow();
    expect(() => sync.close()).not.toThrow();
  });
});
