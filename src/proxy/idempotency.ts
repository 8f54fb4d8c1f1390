import type { ChatReply } from '../core/protocol.ts';
import type { KeyValueStore } from './state/types.ts';

/**
 * Answers a repeated `client_message_id` with the first answer, so a widget retrying after a lost
 * response never doubles the bot's turn (see src/proxy/retry-policy.ts: 500 and timeouts are not
 * retried blindly, they are de-duplicated).
 */
export interface Idempotency {
  /**
   * Runs `send` once per `key` within the time to live. A later call with the same key gets the
   * stored answer; a concurrent one waits for the call in flight and shares its outcome.
   */
  run(
    key: string,
    send: () => Promise<ChatReply>,
  ): Promise<{ reply: ChatReply; replayed: boolean }>;
}

/** Creates the de-duplicator over `store`; answers are kept for `ttlMs`. */
export function createIdempotency(store: KeyValueStore, ttlMs: number): Idempotency {
  // In flight only in this process: a shared store cannot hold a promise, and a duplicate that
  // reaches another instance mid-flight is rare enough to accept.
  const inFlight = new Map<string, Promise<{ reply: ChatReply; replayed: boolean }>>();

  return {
    async run(key, send) {
      const running = inFlight.get(key);
      if (running !== undefined) return { reply: (await running).reply, replayed: true };
      // Registered before the first await, so a duplicate arriving meanwhile joins this call.
      const call = (async () => {
        const stored = await store.get(key);
        if (stored !== undefined) return { reply: JSON.parse(stored) as ChatReply, replayed: true };
        const reply = await send();
        await store.set(key, JSON.stringify(reply), ttlMs);
        return { reply, replayed: false };
      })();
      inFlight.set(key, call);
      try {
        return await call;
      } finally {
        inFlight.delete(key);
      }
    },
  };
}
