import { signal } from '@preact/signals';
import type { ConversationStore } from '../client/conversation-store.ts';
import {
  mergeHistories,
  withState,
  type ChatMessage,
  type DeliveryState,
} from '../core/messages.ts';
import type { Continuation } from './build-request.ts';
import type { Failure } from './failure.ts';

/** The conversation's signals and their link to storage, shared by the model and the send loop. */
export type ConversationState = ReturnType<typeof createConversationState>;

/**
 * Holds the messages, their failures and the token, and keeps them in step with `store`, which
 * other tabs write too. `onStored` hears every write (`true` for a reset), for tab sync.
 */
export function createConversationState(
  store: ConversationStore,
  onStored: (reset: boolean) => void,
) {
  const messages = signal<ChatMessage[]>([]);
  const failures = signal<Record<string, Failure>>({});
  let continuation: Continuation = { token: undefined };

  const state = {
    messages,
    failures,
    get continuation(): Continuation {
      return continuation;
    },
    set continuation(value: Continuation) {
      continuation = value;
    },
    /**
     * Takes in what storage holds (other tabs' messages and progress); `sending` keeps our own
     * request in flight shown as such. Merged, never replaced: storage may hold a trimmed copy
     * (quota) or a capped one, and what the panel shows must not shrink for that. Only `replace`
     * (another tab reset the conversation) drops what storage no longer has.
     */
    adopt(sending?: string, replace = false): void {
      const stored = store.load();
      continuation = { token: stored.token };
      const next = replace ? stored.messages : mergeHistories(stored.messages, messages.value);
      messages.value = sending ? withState(next, sending, 'sending') : next;
    },
    /**
     * Writes the conversation, merged with what another tab may have written meanwhile. A message
     * in flight is stored as `queued`: if the page dies before the answer, the next page view (or
     * another tab) sends it again under the same client_message_id, which the proxy recognises,
     * instead of showing a false failure. `decided` is the message this write is about; the
     * stored token wins unless this write follows a reply.
     */
    persist(decided?: string, fromReply = false): void {
      const stored = store.load();
      const own = new Set(decided === undefined ? [] : [decided]);
      messages.value = mergeHistories(stored.messages, messages.value, own);
      if (!fromReply && stored.token !== undefined) continuation.token = stored.token;
      store.save({
        token: continuation.token,
        messages: messages.value.map((m) =>
          m.state === 'sending' ? { ...m, state: 'queued' as const } : m,
        ),
      });
      onStored(false);
    },
    setState(id: string, value: DeliveryState): void {
      messages.value = withState(messages.value, id, value);
    },
    setFailure(id: string, failure: Failure | undefined): void {
      const { [id]: _previous, ...rest } = failures.value;
      failures.value = failure ? { ...rest, [id]: failure } : rest;
    },
    /** Forgets everything, here and in storage. */
    clear(): void {
      continuation = { token: undefined };
      messages.value = [];
      failures.value = {};
      store.clear();
      onStored(true);
    },
  };
  state.adopt();
  return state;
}
