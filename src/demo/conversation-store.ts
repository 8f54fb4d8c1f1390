import { randomBytes } from 'node:crypto';
import type { DemoLanguage } from './knowledge-base.ts';

/** What the demo assistant remembers about one conversation. */
export interface DemoConversation {
  /** The `conv_id` the assistant minted. */
  readonly id: string;
  /** Messages so far, the visitor's and the assistant's: Quickchat's `ord_number` of the last one. */
  ordNumber: number;
  /** The language of the last reply, for messages that give no hint of their own. */
  language: DemoLanguage | undefined;
  /** Whether the first call carried `client_metadata.kb_topic`, so every later call must too. */
  readonly keyedByKbTopic: boolean;
  /** Calls after the first that lacked `kb_topic` although the conversation began with it. */
  callsWithoutKbTopic: number;
  /** When the conversation was last used, in ms since the epoch. */
  lastActiveAt: number;
}

/** Options of {@link createConversationStore}. */
export interface ConversationStoreOptions {
  /** Clock in ms since the epoch. */
  now: () => number;
  /** Most conversations kept; the least recently used one is forgotten first. */
  maxConversations: number;
  /** A conversation idle this long is forgotten, as if the upstream had expired it. */
  idleMs: number;
}

/** The demo assistant's in-memory conversations. */
export interface ConversationStore {
  /** Starts a conversation with a fresh `conv_id`. */
  create(keyedByKbTopic: boolean): DemoConversation;
  /** The conversation with this `conv_id`, or `undefined` when unknown, forgotten or expired. */
  get(id: string): DemoConversation | undefined;
  /** How many conversations are kept. */
  readonly size: number;
}

/**
 * Creates a bounded store: a `Map` kept in least-recently-used order (re-inserting on every use), so
 * a long-running demo cannot grow without limit and the oldest conversation is the one dropped.
 */
export function createConversationStore(options: ConversationStoreOptions): ConversationStore {
  const conversations = new Map<string, DemoConversation>();

  const touch = (conversation: DemoConversation): void => {
    conversations.delete(conversation.id);
    conversation.lastActiveAt = options.now();
    conversations.set(conversation.id, conversation);
  };

  return {
    create(keyedByKbTopic) {
      let id: string;
      do id = randomBytes(9).toString('base64url');
      while (conversations.has(id));
      const conversation: DemoConversation = {
        id,
        ordNumber: 0,
        language: undefined,
        keyedByKbTopic,
        callsWithoutKbTopic: 0,
        lastActiveAt: options.now(),
      };
      touch(conversation);
      while (conversations.size > options.maxConversations) {
        const oldest = conversations.keys().next();
        if (oldest.done === true) break;
        conversations.delete(oldest.value);
      }
      return conversation;
    },
    get(id) {
      const conversation = conversations.get(id);
      if (conversation === undefined) return undefined;
      if (options.now() - conversation.lastActiveAt > options.idleMs) {
        conversations.delete(id);
        return undefined;
      }
      touch(conversation);
      return conversation;
    },
    get size() {
      return conversations.size;
    },
  };
}
