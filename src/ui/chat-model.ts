import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { ChatClient } from '../client/chat-client.ts';
import type { ConversationStore, StoredConversation } from '../client/conversation-store.ts';
import {
  mergeHistories,
  withState,
  type ChatMessage,
  type DeliveryState,
} from '../core/messages.ts';
import { LIMITS } from '../core/protocol.ts';
import { buildRequest, type SendContext } from './build-request.ts';
import { isConnectionLoss, toFailure, type Failure } from './failure.ts';

export type { SendContext } from './build-request.ts';

/** Something the conversation did that the embedding page or other tabs may want to hear about. */
export type ChatEvent =
  | { type: 'message'; message: ChatMessage }
  | { type: 'error'; failure: Failure; message: ChatMessage }
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
  /** Why each failed message failed, by message id (this page view only). */
  readonly failures: ReadonlySignal<Readonly<Record<string, Failure>>>;
  readonly status: ReadonlySignal<ChatStatus>;
  /** Adds the visitor's message and sends it; returns its id, or `undefined` for blank text. */
  send(text: string): string | undefined;
  /** Sends a failed message again with the same `client_message_id`. */
  retry(id: string): void;
  /** Forgets the conversation here and in storage. */
  reset(): void;
  /** Tells the model the browser went online or offline; online sends what was queued. */
  setOnline(online: boolean): void;
  /** Re-reads the stored conversation after another tab changed it, and sends what it queued. */
  reload(): void;
  /** Stops what is in flight; the model does nothing afterwards. */
  dispose(): void;
}

const runDirectly = async (job: (signal: AbortSignal) => Promise<void>): Promise<boolean> => {
  await job(new AbortController().signal);
  return true;
};

/** Creates the conversation model over an injected client and store. */
export function createChatModel(deps: ChatModelDeps): ChatModel {
  const { client, store, newId, now = Date.now, onEvent, exclusive = runDirectly } = deps;
  const messages = signal<ChatMessage[]>([]);
  const failures = signal<Record<string, Failure>>({});
  const online = signal(deps.online?.() ?? true);
  let conversation = { token: undefined as string | undefined, kbTopicSent: false };
  let inFlight: AbortController | undefined;
  let pumping = false;
  let disposed = false;
  let cancelLater: (() => void) | undefined;

  const adopt = (stored: StoredConversation): void => {
    conversation = { token: stored.token, kbTopicSent: stored.kbTopicSent === true };
    // Our own request in flight is stored as `queued` (see persist); show it as still sending.
    const sending = inFlight ? messages.peek().find((m) => m.state === 'sending')?.id : undefined;
    messages.value = sending ? withState(stored.messages, sending, 'sending') : stored.messages;
  };
  adopt(store.load());

  const status = computed<ChatStatus>(() => {
    const mine = messages.value.filter((message) => message.role === 'user');
    if (mine.some((message) => message.state === 'sending')) return { kind: 'waiting' };
    if (!online.value && mine.some((message) => message.state === 'queued')) {
      return { kind: 'offline' };
    }
    return { kind: 'idle' };
  });

  // Another tab may have written since we last read, so merge instead of overwrite. A message in
  // flight is stored as `queued`: if the page dies before the answer, the next page view (or
  // another tab) sends it again under the same client_message_id, which the proxy recognises,
  // instead of showing a false failure. The stored token wins unless this write follows a reply.
  const persist = (decided?: string, fromReply = false): void => {
    const stored = store.load();
    const own = new Set(decided === undefined ? [] : [decided]);
    messages.value = mergeHistories(stored.messages, messages.value, own);
    if (!fromReply && stored.token !== undefined) conversation.token = stored.token;
    conversation.kbTopicSent ||= stored.kbTopicSent === true;
    store.save({
      token: conversation.token,
      messages: messages.value.map((m) =>
        m.state === 'sending' ? { ...m, state: 'queued' as const } : m,
      ),
      ...(conversation.kbTopicSent ? { kbTopicSent: true } : {}),
    });
    onEvent?.({ type: 'stored', reset: false });
  };
  const setState = (id: string, state: DeliveryState): void => {
    messages.value = withState(messages.value, id, state);
  };
  const setFailure = (id: string, failure: Failure | undefined): void => {
    const { [id]: _previous, ...rest } = failures.value;
    failures.value = failure ? { ...rest, [id]: failure } : rest;
  };

  const deliver = async (message: ChatMessage): Promise<void> => {
    const controller = new AbortController();
    inFlight = controller;
    setState(message.id, 'sending');
    setFailure(message.id, undefined);
    const request = buildRequest(message, conversation, deps.context?.() ?? {}, deps.warn);
    try {
      const reply = await client.send(request, { signal: controller.signal });
      if (controller.signal.aborted) return;
      // composeMetadata keeps the key once sent, so this request alone says whether it is
      // carried now, also when `conversation_reset` started a new conversation upstream.
      conversation = {
        token: reply.conversation,
        kbTopicSent: request.client_metadata?.['kb_topic'] !== undefined,
      };
      const answer: ChatMessage = { id: newId(), role: 'assistant', text: reply.reply, at: now() };
      if (reply.handoff) answer.handoff = true;
      const list = withState(messages.value, message.id, 'sent');
      const index = list.findIndex((item) => item.id === message.id);
      messages.value = [...list.slice(0, index + 1), answer, ...list.slice(index + 1)];
      inFlight = undefined;
      persist(message.id, true);
      onEvent?.({ type: 'message', message: answer });
    } catch (error) {
      // Only reset() and dispose() abort this controller: the message is gone, nothing to report.
      if (controller.signal.aborted) return;
      inFlight = undefined;
      const failure = toFailure(error);
      if (isConnectionLoss(failure, deps.online?.() ?? true)) {
        online.value = false;
        setState(message.id, 'queued');
      } else {
        setState(message.id, 'failed');
        setFailure(message.id, failure);
        onEvent?.({ type: 'error', failure, message });
      }
      persist(message.id);
    } finally {
      if (inFlight === controller) inFlight = undefined;
    }
  };

  const nextQueued = (skip?: ReadonlySet<string>): ChatMessage | undefined =>
    messages.value.find(
      (item) => item.role === 'user' && item.state === 'queued' && !skip?.has(item.id),
    );

  // One message at a time, oldest first: the next request needs the token the previous reply set.
  // The loop re-reads storage first, so it also sends what other tabs queued, and skips what
  // another tab has meanwhile delivered.
  const pump = async (): Promise<void> => {
    if (pumping || disposed || !online.value || !nextQueued()) return;
    pumping = true;
    let ran = false;
    try {
      ran = await exclusive(async (signal) => {
        // Each message at most once per run: whatever a merge says, this loop cannot spin.
        const tried = new Set<string>();
        for (;;) {
          if (disposed || !online.value || signal.aborted) return;
          adopt(store.load());
          const next = nextQueued(tried);
          if (!next) return;
          tried.add(next.id);
          await deliver(next);
        }
      });
    } finally {
      pumping = false;
    }
    // Another tab holds the loop; if it stops before seeing our message, try again later.
    if (!ran && !disposed && nextQueued()) {
      cancelLater?.();
      cancelLater = deps.later?.(() => void pump());
    }
  };

  // Messages queued in an earlier page view go out as soon as the model exists.
  queueMicrotask(() => void pump());

  return {
    messages,
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
      persist();
      onEvent?.({ type: 'message', message });
      void pump();
      return message.id;
    },
    retry(id) {
      const message = messages.value.find((item) => item.id === id);
      if (disposed || message?.state !== 'failed') return;
      setFailure(id, undefined);
      setState(id, 'queued');
      persist(id);
      void pump();
    },
    reset() {
      if (disposed) return;
      inFlight?.abort();
      inFlight = undefined;
      conversation = { token: undefined, kbTopicSent: false };
      messages.value = [];
      failures.value = {};
      store.clear();
      onEvent?.({ type: 'stored', reset: true });
    },
    setOnline(value) {
      online.value = value;
      if (value) void pump();
    },
    reload() {
      if (disposed) return;
      adopt(store.load());
      void pump();
    },
    dispose() {
      disposed = true;
      cancelLater?.();
      inFlight?.abort();
    },
  };
}
