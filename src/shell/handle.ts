import type { ClientMetadata } from '../core/protocol.ts';
import type { ChatletEvents, ChatletListener } from './emitter.ts';

/** The programmatic API of one widget: `window.Chatlet`, and what `createChatlet` returns. */
export interface ChatletHandle {
  /** Opens the panel. */
  open(): void;
  /** Closes the panel. */
  close(): void;
  /** Opens the panel when closed, closes it when open. */
  toggle(): void;
  /** Sends `text` as the visitor's message, as if typed; blank text is ignored. */
  send(text: string): void;
  /** Forgets the conversation (like "New conversation"): the next message starts a new one. */
  reset(): void;
  /** Sets `kb_topic` for the next messages, over the page's and the attribute's; `undefined` clears it. */
  setKbTopic(topic: string | undefined): void;
  /** Sets `message_context` for the next messages; over 1,000 characters throws a `config` error. */
  setMessageContext(context: string | undefined): void;
  /** Replaces the site's own `client_metadata` (scalar values; at most 5 keys are sent in all). */
  setMetadata(metadata: ClientMetadata): void;
  /**
   * Shows the teaser beside the closed launcher now, with `text` or the `teaser` option; not when
   * the visitor closed it before or has chatted, nor while the panel is open.
   */
  showTeaser(text?: string): void;
  /** Hides the teaser for this page view (the visitor's own close is what is remembered). */
  hideTeaser(): void;
  /** Removes the widget and everything it registered; the handle does nothing afterwards. */
  destroy(): void;
  /** Subscribes to an event; returns the unsubscribe. */
  on<E extends keyof ChatletEvents>(event: E, listener: ChatletListener<E>): () => void;
}

/**
 * What the panel stage drives: the handle without `on`, `destroy` and the teaser's, which belong to
 * the shell (its events, its lifecycle, its teaser) and so work before the panel has arrived.
 */
export type PanelControls = Omit<ChatletHandle, 'on' | 'destroy' | 'showTeaser' | 'hideTeaser'>;
