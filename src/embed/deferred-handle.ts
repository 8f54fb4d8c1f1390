import type { ChatletEvents, ChatletListener } from './emitter.ts';
import type { ChatletHandle } from './handle.ts';
import { checkMessageLength, type SendContextSource } from './send-context.ts';

type Queued = (handle: ChatletHandle) => void;

/**
 * A handle that works before the panel stage has loaded: calls that need the panel are queued
 * and replayed in order once it is there (and start loading it); the page-context setters and
 * their validation need nothing but `page`, so they act and throw at once, as on the full handle.
 */
export function deferHandle(
  page: SendContextSource,
  load: () => Promise<ChatletHandle | undefined>,
  removeShell: () => void,
): ChatletHandle {
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
    if (!handle || destroyed) return;
    real = handle;
    for (const subscription of subscriptions) {
      subscription.off = handle.on(subscription.event, subscription.listener);
    }
    for (const call of queue.splice(0)) call(handle);
  };
  const later = (call: Queued): void => {
    if (destroyed) return;
    if (real) return call(real);
    queue.push(call);
    void load().then(settle);
  };

  return {
    open: () => later((handle) => handle.open()),
    close: () => later((handle) => handle.close()),
    toggle: () => later((handle) => handle.toggle()),
    send(text) {
      checkMessageLength(text);
      later((handle) => handle.send(text));
    },
    reset: () => later((handle) => handle.reset()),
    setKbTopic: page.setKbTopic,
    setMessageContext: page.setMessageContext,
    setMetadata: page.setMetadata,
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
}
