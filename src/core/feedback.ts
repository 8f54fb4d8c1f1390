/**
 * The feedback contract: what the widget posts to `POST {endpoint}/feedback` when a visitor rates
 * a reply, defined once here for both sides (like protocol.ts for the chat route).
 */
import { CLIENT_MESSAGE_ID, LIMITS } from './protocol.ts';
import type { Checked } from './validate.ts';

/** A visitor's verdict on one reply: "Helpful" or "Not helpful". */
export type Rating = 'up' | 'down';

/** The ratings, for checks. */
export const RATINGS: readonly Rating[] = ['up', 'down'];

/** What the widget posts to the feedback route. */
export interface FeedbackRequest {
  /** The conversation token the reply was given under. */
  conversation: string;
  /** The `client_message_id` of the visitor's message that the rated reply answered. */
  client_message_id: string;
  /** The verdict. */
  rating: Rating;
}

/** Largest feedback body, in bytes: the three fields fit in well under 1 KB. */
export const FEEDBACK_BODY_BYTES = 1024;

const fail = (field: string, message: string): Checked<never> => ({ ok: false, field, message });

/** Checks a parsed feedback body; unknown fields are dropped. */
export function checkFeedbackRequest(body: unknown): Checked<FeedbackRequest> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail('body', 'The request body must be a JSON object.');
  }
  const { conversation, client_message_id, rating } = body as Record<string, unknown>;
  if (
    typeof conversation !== 'string' ||
    conversation.length === 0 ||
    conversation.length > LIMITS.conversationChars
  ) {
    return fail('conversation', 'conversation must be the token the proxy returned.');
  }
  if (typeof client_message_id !== 'string' || !CLIENT_MESSAGE_ID.test(client_message_id)) {
    return fail(
      'client_message_id',
      'client_message_id must be the id of the message the rated reply answered.',
    );
  }
  if (!RATINGS.includes(rating as Rating)) {
    return fail('rating', 'rating must be "up" or "down".');
  }
  return { ok: true, value: { conversation, client_message_id, rating: rating as Rating } };
}
