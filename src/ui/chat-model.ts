import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { ChatClient } from '../client/chat-client.ts';
import type { ConversationStore } from '../client/conversation-store.ts';
import type { Rating } from '../core/feedback.ts';
import type { ChatMessage } from '../core/messages.ts';
import { LIMITS } from '../core/protocol.ts';
import type { SendContext } from './build-request.ts';
import { createConversationState } from './conversation-state.ts';
import { createDelivery } from './delivery.ts';
import type { Failure } from './failure.ts';

export type { SendContext } from './build-request.ts';

/** Something the conversation did that the embedding page or other tabs may want to hear about. */
export type ChatEvent =
  | { type: 'message'; message: ChatMessage }
  | { type: 'error'; failure: Failure; message: ChatMessage }
  /** The visitor rated the reply `messageId`. */
  | { type: 'feedback'; messageId: string; rating: Rating }
  /** The stored conversation changed (`reset`: it was cleared). */
  | { type: 'stored'; reset: boolean };

/** The I/O the conversation model works with; tests pass fakes. */
export interface ChatModelDeps {
  client: ChatClient;
  store: ConversationStore;
  newId: () => string;
  context?: () => SendContext;
  now?: () => number;
  /** Whether the browser believes it is online (`navigator.onLine`). */
  online?: () => boolean;
  /**
   * Runs the send loop only if no other tab runs it (client/outbox-lock.ts), so a queued message
   * goes out once; reports whether `job` ran. Default: always runs.
   */
  exclusive?: (job: (signal: AbortSignal) => Promise<void>) => Promise<boolean>;
  /** Schedules a later attempt when another tab held the send loop; returns the cancel. */
  later?: (fn: () => void) => () => void;
  onEvent?: (event: ChatEvent) => void;
  /** Told which `client_metadata` keys were dropped over the limit of five. */
  warn?: (message: string) => void;
}

/** What the panel shows besides the messages; components switch on `kind`. */
export type ChatStatus = { kind: 'idle' } | { kind: 'waiting' } | { kind: 'offline' };

/** The conversation: messages with delivery states, and the actions on them. */
export interface ChatModel {
  readonly messages: ReadonlySignal<ChatMessage[]>;
  /**
   * Ids of the messages restored from storage when the model was made, oldest first: the history
   * the panel may render in pages. What this page view sends or receives is never among them, even
   * when it arrives before the panel is drawn (calls queued by the loader).
   */
  readonly restored: ReadonlySet<string>;
  /** Why each failed message failed, by message id (this page view only). */
  readonly failures: ReadonlySignal<Readonly<Record<string, Failure>>>;
  readonly status: ReadonlySignal<ChatStatus>;
  /** Adds the visitor's message and sends it; returns its id, or `undefined` for blank text. */
  send(text: string): string | undefined;
  /** Sends a failed message again with the same `client_message_id`. */
  retry(id: string): void;
  /** Records the visitor's verdict on reply `id`, keeps it with the message and tells the proxy. */
  rate(id: string, rating: Rating): void;
  /** Forgets the conversation here and in storage. */
  reset(): void;
  /** Tells the model the browser went online or offline; online sends what was queued. */
  setOnline(online: boolean): void;
  /**
   * Re-reads the stored conversation after another tab changed it (`reset`: cleared it), and
   * sends what it queued.
   */
  reload(reset?: boolean): void;
  /** Stops what is in flight; the model does nothing afterwards. */
  dispose(): void;
}

/** Creates the conversation model over an injected client and store. */
export function createChatModel(deps: ChatModelDeps): ChatModel {
  const { newId, now = Date.now, onEvent } = deps;
  const state = createConversationState(deps.store, (reset) =>
    onEvent?.({ type: 'stored', reset }),
  );
  const online = signal(deps.online?.() ?? true);
  const delivery = createDelivery(deps, state, online);
  const { messages, failures } = state;
  const restored = new Set(messages.peek().map((message) => message.id));
  let disposed = false;

  const status = computed<ChatStatus>(() => {
    const mine = messages.value.filter((message) => message.role === 'user');
    if (mine.some((message) => message.state === 'sending')) return { kind: 'waiting' };
    if (!online.value && mine.some((message) => message.state === 'queued')) {
      return { kind: 'offline' };
    }
    return { kind: 'idle' };
  });

  // Messages queued in an earlier page view go out as soon as the model exists.
  queueMicrotask(() => void delivery.pump());

  return {
    messages,
    restored,
    failures,
    status,
    send(text) {
      if (disposed || text.trim().length === 0) return undefined;
      const message: ChatMessage = {
        id: newId(),
        role: 'user',
        text: text.slice(0, LIMITS.textChars),
        state: 'queued',
        at: now(),
      };
      messages.value = [...messages.value, message];
      state.persist();
      onEvent?.({ type: 'message', message });
      void delivery.pump();
      return message.id;
    },
    retry(id) {
      const message = messages.value.find((item) => item.id === id);
      if (disposed || message?.state !== 'failed') return;
      state.setFailure(id, undefined);
      state.setState(id, 'queued');
      state.persist(id);
      void delivery.pump();
    },
    rate(id, rating) {
      const message = messages.value.find((item) => item.id === id);
      if (disposed || message?.role !== 'assistant' || message.rating === rating) return;
      messages.value = messages.value.map((item) => (item.id === id ? { ...item, rating } : item));
      state.persist();
      onEvent?.({ type: 'feedback', messageId: id, rating });
      const conversation = state.continuation.token;
      // Best effort: the choice is kept here whatever the proxy says, so a failure is not shown.
      if (message.re && conversation) {
        deps.client
          .feedback?.({ conversation, client_message_id: message.re, rating })
          .catch(() => {});
      }
    },
    reset() {
      if (disposed) return;
      delivery.abort();
      state.clear();
    },
    setOnline(value) {
      online.value = value;
      if (value) void delivery.pump();
    },
    reload(reset = false) {
      if (disposed) return;
      state.adopt(delivery.sending(), reset);
      void delivery.pump();
    },
    dispose() {
      disposed = true;
      delivery.stop();
    },
  };
}
