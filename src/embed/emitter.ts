import type { ChatletError } from '../core/errors.ts';
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
}

/** A listener of event `E`. */
export type ChatletListener<E extends keyof ChatletEvents> = (payload: ChatletEvents[E]) => void;

/** A minimal typed event emitter; a throwing listener cannot break the widget or other listeners. */
export function createEmitter() {
  const listeners = new Map<keyof ChatletEvents, Set<(payload: never) => void>>();
  return {
    on<E extends keyof ChatletEvents>(event: E, listener: ChatletListener<E>): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
    emit<E extends keyof ChatletEvents>(event: E, payload: ChatletEvents[E]): void {
      for (const listener of listeners.get(event) ?? []) {
        try {
          (listener as ChatletListener<E>)(payload);
        } catch (error) {
          // Report like an uncaught error would, without stopping the other listeners.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    },
    clear(): void {
      listeners.clear();
    },
  };
}
