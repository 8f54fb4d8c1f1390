import type { Signal } from '@preact/signals';
import { REPLY_CHARS, type ChatMessage } from '../core/messages.ts';
import { buildRequest } from './build-request.ts';
import type { ChatModelDeps } from './chat-model.ts';
import type { ConversationState } from './conversation-state.ts';
import { isConnectionLoss, toFailure } from './failure.ts';

const runDirectly = async (job: (signal: AbortSignal) => Promise<void>): Promise<boolean> => {
  await job(new AbortController().signal);
  return true;
};

/**
 * The send loop: one message at a time, oldest first, because each request needs the token the
 * previous reply set. It re-reads storage before each message, so it also sends what other tabs
 * queued and skips what another tab has meanwhile delivered; `deps.exclusive` makes sure only one
 * tab runs it.
 */
export function createDelivery(
  deps: ChatModelDeps,
  state: ConversationState,
  online: Signal<boolean>,
) {
  const { client, newId, now = Date.now, onEvent, exclusive = runDirectly } = deps;
  let inFlight: { controller: AbortController; id: string } | undefined;
  let pumping = false;
  let stopped = false;
  let cancelLater: (() => void) | undefined;

  const deliver = async (message: ChatMessage): Promise<void> => {
    const controller = new AbortController();
    inFlight = { controller, id: message.id };
    state.setState(message.id, 'sending');
    state.setFailure(message.id, undefined);
    const request = buildRequest(message, state.continuation, deps.context?.() ?? {}, deps.warn);
    try {
      const reply = await client.send(request, { signal: controller.signal });
      if (controller.signal.aborted) return;
      inFlight = undefined;
      state.continuation = { token: reply.conversation };
      const answer: ChatMessage = {
        id: newId(),
        role: 'assistant',
        // What the panel renders; a longer reply would only cost the visitor's storage.
        text: reply.reply.slice(0, REPLY_CHARS),
        at: now(),
        re: message.id,
      };
      if (reply.handoff) answer.handoff = true;
      state.setState(message.id, 'sent');
      const list = state.messages.value;
      const index = list.findIndex((item) => item.id === message.id);
      state.messages.value = [...list.slice(0, index + 1), answer, ...list.slice(index + 1)];
      state.persist(message.id, true);
      onEvent?.({ type: 'message', message: answer });
    } catch (error) {
      // Only abort() aborts this controller (reset, dispose): the message is gone, say nothing.
      if (controller.signal.aborted) return;
      inFlight = undefined;
      const failure = toFailure(error);
      if (isConnectionLoss(failure, deps.online?.() ?? true)) {
        online.value = false;
        state.setState(message.id, 'queued');
      } else {
        state.setState(message.id, 'failed');
        state.setFailure(message.id, failure);
        onEvent?.({ type: 'error', failure, message });
      }
      state.persist(message.id);
    }
  };

  const nextQueued = (skip?: ReadonlySet<string>): ChatMessage | undefined =>
    state.messages.value.find(
      (item) => item.role === 'user' && item.state === 'queued' && !skip?.has(item.id),
    );

  const pump = async (): Promise<void> => {
    if (pumping || stopped || !online.value || !nextQueued()) return;
    pumping = true;
    let ran = false;
    try {
      ran = await exclusive(async (signal) => {
        // Each message at most once per run: whatever a merge says, this loop cannot spin.
        const tried = new Set<string>();
        for (;;) {
          if (stopped || !online.value || signal.aborted) return;
          state.adopt(inFlight?.id);
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
    if (!ran && !stopped && nextQueued()) {
      cancelLater?.();
      cancelLater = deps.later?.(() => void pump());
    }
  };

  return {
    pump,
    /** The id of the message in flight, if any. */
    sending: (): string | undefined => inFlight?.id,
    /** Drops the request in flight (its answer is ignored). */
    abort(): void {
      inFlight?.controller.abort();
      inFlight = undefined;
    },
    /** Stops for good. */
    stop(): void {
      stopped = true;
      cancelLater?.();
      inFlight?.controller.abort();
    },
  };
}
