import type { Language } from '../../src/core/languages.ts';
import { LOCALES } from '../../src/ui/all-locales.ts';
import type { LocaleStrings } from '../../src/ui/strings.ts';
import type { ChatClient } from '../../src/client/chat-client.ts';
import type { SafeStorage } from '../../src/client/storage.ts';
import type { FeedbackRequest } from '../../src/core/feedback.ts';
import type { ChatReply, ChatRequest } from '../../src/core/protocol.ts';

/** A storage that lives as long as the test, shared by "page loads" to simulate a reload. */
export function memoryStorage(): SafeStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    kind: 'local',
    refusal: undefined,
    items,
    get: (key) => items.get(key) ?? null,
    set: (key, value) => (items.set(key, value), true),
    remove: (key) => void items.delete(key),
  };
}

interface Pending {
  request: ChatRequest;
  resolve(reply: Partial<ChatReply>): void;
  reject(error: unknown): void;
}

/**
 * A ChatClient the test answers by hand: every send waits in `pending` until the test calls
 * `reply()` or `fail()`, so states in between (typing, sending) can be looked at.
 */
export class FakeClient implements ChatClient {
  readonly requests: ChatRequest[] = [];
  readonly pending: Pending[] = [];
  /** Every rating posted, oldest first. */
  readonly feedbacks: FeedbackRequest[] = [];
  #waiters: Array<() => void> = [];

  async feedback(request: FeedbackRequest): Promise<void> {
    this.feedbacks.push(request);
  }

  send(request: ChatRequest, options: { signal?: AbortSignal } = {}): Promise<ChatReply> {
    this.requests.push(request);
    return new Promise<ChatReply>((resolve, reject) => {
      this.pending.push({
        request,
        resolve: (reply) =>
          resolve({
            conversation: 'token-1',
            reply: `Answer to ${request.text}`,
            ord_number: this.requests.length,
            handoff: false,
            conversation_reset: false,
            ...reply,
          }),
        reject,
      });
      options.signal?.addEventListener('abort', () => reject(options.signal?.reason));
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  /** Resolves once a request is waiting for an answer. */
  async next(): Promise<Pending> {
    while (this.pending.length === 0) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    return this.pending.shift() as Pending;
  }

  /** Answers the oldest waiting request. */
  async reply(reply: Partial<ChatReply> = {}): Promise<ChatRequest> {
    const pending = await this.next();
    pending.resolve(reply);
    return pending.request;
  }

  /** Fails the oldest waiting request with `error`. */
  async fail(error: unknown): Promise<ChatRequest> {
    const pending = await this.next();
    pending.reject(error);
    return pending.request;
  }
}

let lastId = 0;

/**
 * Ids that read well in assertions (`message-1`, …, long enough for the protocol's 8-character
 * minimum), unique across every model of a test run, as UUIDs are across tabs and page views.
 */
export function sequentialIds(): () => string {
  return () => `message-${++lastId}`;
}

/**
 * The strings of a language straight from the sources, for `WidgetDeps.loadLocale`: the built
 * widget fetches them (a chunk or `chatlet-<lang>.js`), which the e2e suite covers.
 */
export const localeFromSources = async (lang: Language): Promise<LocaleStrings> => LOCALES[lang];
