/**
 * Tells the other tabs of the site that the stored conversation changed, so a message sent or
 * received in one tab appears in all. BroadcastChannel where it exists; else a ping key
 * in `localStorage`, whose `storage` event fires in every other tab of the origin (Safari before
 * 15.4 lacks BroadcastChannel); else nothing, and each tab simply keeps its own view.
 */
import type { SafeStorage } from './storage.ts';

/** What one tab tells the others; neither tab ever hears its own messages. */
export type TabMessage =
  /** The stored conversation changed: reload it from the conversation store. */
  | { type: 'changed' }
  /** The conversation was reset ("New conversation" or `reset()`): clear the view. */
  | { type: 'reset' };

/** A `storage` event, as far as tab sync reads it. */
export interface StorageChange {
  /** The key that changed, `null` when the whole store was cleared. */
  key: string | null;
  /** The key's new value, `null` when it was removed. */
  newValue: string | null;
}

/** Where {@link createTabSync} finds the browser; tests pass fakes. */
export interface TabSyncOptions {
  /** Store for the fallback ping key; only a `local` one reaches other tabs. */
  storage?: SafeStorage;
  /** The BroadcastChannel class; pass `undefined` to act as a browser without one. */
  BroadcastChannel?: typeof BroadcastChannel | undefined;
  /**
   * A key whose change by another tab also counts as `changed` (its removal as `reset`): pass the
   * conversation store's key.
   * Its `storage` event comes when this tab can read the new value, whereas a BroadcastChannel
   * message travels separately and is not ordered after the write it announces.
   */
  watchKey?: string;
  /** Subscribes to `storage` events and returns the unsubscribe; defaults to `window`'s. */
  addStorageListener?: (listener: (event: StorageChange) => void) => () => void;
}

/** A channel between the tabs of one site. */
export interface TabSync {
  /** Tells every other tab; never throws, a no-op after `close()`. */
  post(message: TabMessage): void;
  /** Calls `fn` for each message from another tab; returns the unsubscribe. */
  subscribe(fn: (message: TabMessage) => void): () => void;
  /** Releases the channel, the listener and every subscriber. */
  close(): void;
}

/** Another tab (or another script on the page) may send anything; accept only our shapes. */
function asTabMessage(value: unknown): TabMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { type } = value as { type?: unknown };
  return type === 'changed' || type === 'reset' ? { type } : undefined;
}

/** `window`'s `storage` events; throws outside a browser, where there is no `window`. */
function windowStorageEvents(listener: (event: StorageChange) => void): () => void {
  const handler = (event: StorageEvent): void => listener(event);
  window.addEventListener('storage', handler);
  return () => window.removeEventListener('storage', handler);
}

/** Opens the channel `channelName` between this site's tabs. Never throws. */
export function createTabSync(channelName: string, options: TabSyncOptions = {}): TabSync {
  const subscribers = new Set<(message: TabMessage) => void>();
  const deliver = (value: unknown): void => {
    const message = asTabMessage(value);
    if (message === undefined) return;
    // A copy, so a subscriber that subscribes or unsubscribes meanwhile does not skew this round.
    for (const fn of Array.from(subscribers)) {
      try {
        fn(message);
      } catch (error) {
        // One failing subscriber must not keep the others from hearing the news.
        if (typeof reportError === 'function') reportError(error);
      }
    }
  };

  const Channel =
    'BroadcastChannel' in options
      ? options.BroadcastChannel
      : typeof BroadcastChannel === 'undefined'
        ? undefined
        : BroadcastChannel;
  let channel: BroadcastChannel | undefined;
  try {
    // Opaque origins (sandboxed iframes) may refuse to construct one.
    channel = Channel === undefined ? undefined : new Channel(channelName);
  } catch {
    channel = undefined;
  }

  let send = (_message: TabMessage): void => {};
  const releases: Array<() => void> = [];
  if (channel !== undefined) {
    const open = channel;
    open.addEventListener('message', (event: MessageEvent) => deliver(event.data));
    // oxlint-disable-next-line unicorn/require-post-message-target-origin -- BroadcastChannel has none.
    send = (message) => open.postMessage(message);
    releases.push(() => open.close());
  }

  const storage = options.storage?.kind === 'local' ? options.storage : undefined;
  const pingKey = `chatlet:sync:${channelName}`;
  const pinging = channel === undefined && storage !== undefined;
  if (storage !== undefined && (pinging || options.watchKey !== undefined)) {
    try {
      releases.push(
        (options.addStorageListener ?? windowStorageEvents)((event) => {
          if (event.key !== null && event.key === options.watchKey) {
            // A removed conversation was reset by another tab, not merely changed.
            deliver({ type: event.newValue === null ? 'reset' : 'changed' });
          }
          if (!pinging || event.key !== pingKey || event.newValue === null) return;
          try {
            deliver((JSON.parse(event.newValue) as { message?: unknown }).message);
          } catch {
            // A foreign or truncated ping is not a message.
          }
        }),
      );
      if (pinging) {
        // `storage` fires only when the value changes, so each ping carries a nonce unique to this
        // tab and post. The key stays (one small value): removing it at once would race the read.
        const tab = Math.random().toString(36).slice(2);
        let count = 0;
        send = (message) => {
          count += 1;
          storage.set(pingKey, JSON.stringify({ message, nonce: `${tab}-${count}` }));
        };
      }
    } catch {
      // No `window` to listen on: the BroadcastChannel alone, or nothing.
    }
  }

  let closed = false;
  return {
    post(message) {
      if (closed) return;
      try {
        send(message);
      } catch {
        // A channel closed under us by the browser (page in bfcache) drops the ping, nothing more.
      }
    },
    subscribe(fn) {
      if (closed) return () => {};
      subscribers.add(fn);
      return () => {
        subscribers.delete(fn);
      };
    },
    close() {
      if (closed) return;
      closed = true;
      subscribers.clear();
      for (const release of releases) {
        try {
          release();
        } catch {
          // Already released by the browser.
        }
      }
    },
  };
}
