import type { KeyValueStore } from './state/types.ts';

/**
 * Which visitor messages this proxy answered, per conversation, so the feedback route can tell a
 * rating of a real reply from an invented one. One small entry per answered `client_message_id`,
 * kept in the proxy's state store (shared when that is Redis or a Durable Object).
 */
export interface AnsweredReplies {
  /** Notes that the message `id` of the upstream conversation `conversationKey` got a reply. */
  remember(conversationKey: string, id: string): Promise<void>;
  /** Whether `id` was answered in `conversationKey` within the window. */
  has(conversationKey: string, id: string): Promise<boolean>;
}

/**
 * How long a reply can be rated: a day. The store bounds its memory, so under load the oldest
 * entries may go sooner; a rating of a forgotten reply is then refused (404) like an invented one.
 */
export const FEEDBACK_WINDOW_MS = 24 * 3_600_000;

/** The record over `store`, keyed by provider so two providers' conversations never mix. */
export function createAnsweredReplies(store: KeyValueStore, provider: string): AnsweredReplies {
  const key = (conversationKey: string, id: string): string =>
    `answered:${provider}:${conversationKey}:${id}`;
  return {
    remember: (conversationKey, id) => store.set(key(conversationKey, id), '1', FEEDBACK_WINDOW_MS),
    has: async (conversationKey, id) => (await store.get(key(conversationKey, id))) !== undefined,
  };
}
