import type { ChatletError } from '../core/errors.ts';
import type { Rating } from '../core/feedback.ts';
import type { ChatMessage } from '../core/messages.ts';

/** The events of a Chatlet handle and what their listeners receive. */
export interface ChatletEvents {
  /** The panel opened. */
  open: undefined;
  /** The panel closed. */
  close: undefined;
  /** A message was added: the visitor's (as sent) or the assistant's reply. */
  message: ChatMessage;
  /** A message could not be delivered; the visitor sees it with a Retry. */
  error: ChatletError;
  /** The widget is on the page and can be used. */
  ready: undefined;
  /** The visitor rated a reply (`messageId` is the reply's id). */
  feedback: { messageId: string; rating: Rating };
}

/** A listener of event `E`. */
export type ChatletListener<E extends keyof ChatletEvents> = (payload: ChatletEvents[E]) => void;

/** The typed events of one widget: the shell owns them, the panel stage emits into them. */
export interface Emitter {
  /** Subscribes; returns the unsubscribe. A listener to `ready` after it fired still hears it. */
  on<E extends keyof ChatletEvents>(event: E, listener: ChatletListener<E>): () => void;
  /** Tells every listener of `event`; a throwing listener cannot stop the others. */
  emit<E extends keyof ChatletEvents>(event: E, payload: ChatletEvents[E]): void;
  /** `ready`, which has no payload, without one: the loader's call is shorter so. */
  emit(event: 'ready'): void;
}

/**
 * A typed event emitter on the platform's EventTarget, which already reports a throwing listener
 * like an uncaught error without stopping the others.
 */
export function createEmitter(): Emitter {
  const target = new EventTarget();
  // Code that runs after the async script subscribes late; `ready` is replayed to it.
  let ready = false;
  return {
    on(event, listener) {
      const heard = (e: Event): void => listener((e as CustomEvent).detail);
      target.addEventListener(event, heard);
      if (event === 'ready' && ready) queueMicrotask(() => listener(undefined as never));
      return () => target.removeEventListener(event, heard);
    },
    emit(event: keyof ChatletEvents, payload?: unknown) {
      // `ready` is told once, by whichever stage is first usable.
      if (event === 'ready') {
        if (ready) return;
        ready = true;
      }
      target.dispatchEvent(new CustomEvent(event, { detail: payload }));
    },
  };
}
