import type { ChatletEvents, ChatletListener } from './emitter.ts';
import type { ChatletHandle } from './handle.ts';
import { checkContextLength, checkMessageLength } from './limits.ts';
import { report } from './report.ts';

type Queued = (handle: ChatletHandle) => void;

/**
 * A handle that works before the panel stage has loaded: calls are queued and replayed in order
 * once it is there. The calls that need the panel start loading it; the page-context setters wait
 * for it without (a single-page app may call setKbTopic on every route). Length limits throw at
 * once, as on the full handle; setMetadata's key and value checks live in the panel stage, so a
 * bad early call is reported on the console when it is replayed.
 */
export function deferHandle(
  load: () => Promise<ChatletHandle | undefined>,
  removeShell: () => void,
): { handle: ChatletHandle; start(): void } {
  let real: ChatletHandle | undefined;
  let destroyed = false;
  const queue: Queued[] = [];
  // Listeners subscribe to the real handle once it exists; `off` is then its unsubscribe.
  const subscriptions = new Set<{
    event: keyof ChatletEvents;
    listener: never;
    off: (() => void) | undefined;
  }>();

  const settle = (handle: ChatletHandle | undefined): void => {
    if (!handle || destroyed || real) return;
    real = handle;
    for (const subscription of subscriptions) {
      subscription.off = handle.on(subscription.event, subscription.listener);
    }
    for (const call of queue.splice(0)) {
      try {
        call(handle);
      } catch (error) {
        report(error);
      }
    }
  };
  const later = (call: Queued, needsPanel = true): void => {
    if (destroyed) return;
    if (real) return call(real);
    queue.push(call);
    if (needsPanel) start();
  };
  // The load is shared (the caller memoises it), so every caller may attach `settle`.
  const start = (): void => {
    if (!destroyed) void load().then(settle);
  };

  const handle: ChatletHandle = {
    open: () => later((handle) => handle.open()),
    close: () => later((handle) => handle.close()),
    toggle: () => later((handle) => handle.toggle()),
    send(text) {
      checkMessageLength(text);
      later((handle) => handle.send(text));
    },
    reset: () => later((handle) => handle.reset()),
    setKbTopic: (topic) => later((handle) => handle.setKbTopic(topic), false),
    setMessageContext(context) {
      checkContextLength(context);
      later((handle) => handle.setMessageContext(context), false);
    },
    setMetadata: (metadata) => later((handle) => handle.setMetadata(metadata), false),
    on<E extends keyof ChatletEvents>(event: E, listener: ChatletListener<E>): () => void {
      const subscription = { event, listener: listener as never, off: real?.on(event, listener) };
      subscriptions.add(subscription);
      return () => {
        subscriptions.delete(subscription);
        subscription.off?.();
      };
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      queue.length = 0;
      subscriptions.clear();
      real?.destroy();
      removeShell();
    },
  };
  return { handle, start };
}
