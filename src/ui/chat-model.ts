import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { ChatClient } from '../client/chat-client.ts';
import type { ConversationStore } from '../client/conversation-store.ts';
import { composeMetadata } from '../client/metadata.ts';
import { LIMITS, type ChatRequest, type ClientMetadata } from '../core/protocol.ts';
import { withState, type ChatMessage, type DeliveryState } from '../core/messages.ts';
import { isConnectionLoss, toFailure, type Failure } from './failure.ts';

/** What the page contributes to a request, read at every send so SPA changes apply at once. */
export interface SendContext {
  kbTopic?: string | undefined;
  metadata?: ClientMetadata | undefined;
  messageContext?: string | undefined;
}

/** Something the conversation did that the embedding page may want to hear about. */
export type ChatEvent =
  | { type: 'message'; message: ChatMessage }
  | { type: 'error'; failure: Failure; message: ChatMessage };

/** The I/O the conversation model works with; tests pass fakes. */
export interface ChatModelDeps {
  client: ChatClient;
  store: ConversationStore;
  context?: () => SendContext;
  now?: () => number;
  newId: () => string;
  /** Whether the browser believes it is online (`navigator.onLine`). */
  online?: () => boolean;
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
  /** Re-reads the stored conversation, e.g. after another tab changed it. */
  reload(): void;
  /** Stops what is in flight; the model is unusable afterwards. */
  dispose(): void;
}

/** Creates the conversation model over an injected client and store. */
export function createChatModel(deps: ChatModelDeps): ChatModel {
  const { client, store, newId, now = Date.now, onEvent, warn } = deps;
  const stored = store.load();
  const messages = signal(stored.messages);
  const failures = signal<Record<string, Failure>>({});
  const online = signal(deps.online?.() ?? true);
  let token = stored.token;
  let kbTopicSent = stored.kbTopicSent === true;
  let inFlight: AbortController | undefined;
  let pumping = false;
  let disposed = false;

  const status = computed<ChatStatus>(() => {
    const pending = messages.value.filter((message) => message.role === 'user');
    if (pending.some((message) => message.state === 'sending')) return { kind: 'waiting' };
    if (!online.value && pending.some((message) => message.state === 'queued')) {
      return { kind: 'offline' };
    }
    return { kind: 'idle' };
  });

  const persist = (): void => {
    store.save({ token, messages: messages.value, ...(kbTopicSent ? { kbTopicSent } : {}) });
  };
  const setState = (id: string, state: DeliveryState): void => {
    messages.value = withState(messages.value, id, state);
  };
  const setFailure = (id: string, failure: Failure | undefined): void => {
    const { [id]: _previous, ...rest } = failures.value;
    failures.value = failure ? { ...rest, [id]: failure } : rest;
  };

  const buildRequest = (message: ChatMessage): ChatRequest => {
    const context = deps.context?.() ?? {};
    const { metadata, dropped } = composeMetadata({
      kbTopic: context.kbTopic,
      kbTopicSent,
      extra: context.metadata ?? {},
    });
    if (dropped.length > 0) {
      warn?.(
        `Chatlet: client_metadata holds at most ${LIMITS.metadataKeys} keys; dropped ${dropped.join(', ')}.`,
      );
    }
    const request: ChatRequest = { text: message.text, client_message_id: message.id };
    if (token !== undefined) request.conversation = token;
    if (context.messageContext) request.message_context = context.messageContext;
    if (metadata) request.client_metadata = metadata;
    return request;
  };

  const deliver = async (message: ChatMessage): Promise<void> => {
    setState(message.id, 'sending');
    setFailure(message.id, undefined);
    persist();
    const request = buildRequest(message);
    const controller = new AbortController();
    inFlight = controller;
    try {
      const reply = await client.send(request, { signal: controller.signal });
      if (controller.signal.aborted) return;
      token = reply.conversation;
      // composeMetadata keeps the key once sent, so this request alone says whether it is carried
      // now, also when `conversation_reset` started a new conversation upstream.
      kbTopicSent = request.client_metadata?.['kb_topic'] !== undefined;
      const answer: ChatMessage = { id: newId(), role: 'assistant', text: reply.reply, at: now() };
      if (reply.handoff) answer.handoff = true;
      const list = withState(messages.value, message.id, 'sent');
      const index = list.findIndex((item) => item.id === message.id);
      messages.value = [...list.slice(0, index + 1), answer, ...list.slice(index + 1)];
      persist();
      onEvent?.({ type: 'message', message: answer });
    } catch (error) {
      // Only reset() and dispose() abort this controller: the message is gone, nothing to report.
      if (controller.signal.aborted) return;
      const failure = toFailure(error);
      if (isConnectionLoss(failure, deps.online?.() ?? true)) {
        online.value = false;
        setState(message.id, 'queued');
      } else {
        setState(message.id, 'failed');
        setFailure(message.id, failure);
        onEvent?.({ type: 'error', failure, message });
      }
      persist();
    } finally {
      if (inFlight === controller) inFlight = undefined;
    }
  };

  // One message at a time, oldest first: the next request needs the token the previous reply set.
  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      for (;;) {
        if (disposed || !online.value) return;
        const next = messages.value.find((item) => item.role === 'user' && item.state === 'queued');
        if (!next) return;
        await deliver(next);
      }
    } finally {
      pumping = false;
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
      persist();
      void pump();
    },
    reset() {
      inFlight?.abort();
      token = undefined;
      kbTopicSent = false;
      messages.value = [];
      failures.value = {};
      store.clear();
    },
    setOnline(value) {
      online.value = value;
      if (value) void pump();
    },
    reload() {
      const fresh = store.load();
      token = fresh.token;
      kbTopicSent = fresh.kbTopicSent === true;
      messages.value = fresh.messages;
    },
    dispose() {
      disposed = true;
      inFlight?.abort();
    },
  };
}
