/**
 * The conversation as the widget keeps it: messages with a delivery state and pure transitions
 * between states. The UI model holds a list of these in a signal; storage persists it as JSON.
 */
import type { Rating } from './feedback.ts';

/** Where a visitor's message is on its way to the assistant. */
export type DeliveryState = 'sending' | 'sent' | 'queued' | 'failed';

/** One message of the conversation. */
export interface ChatMessage {
  /** Stable id; for the visitor's messages also the `client_message_id` sent to the proxy. */
  id: string;
  /** Who wrote it. */
  role: 'user' | 'assistant';
  /** The text as typed, or the assistant's reply as received (untrusted markup). */
  text: string;
  /** Delivery state of the visitor's messages; assistant messages are always delivered. */
  state?: DeliveryState;
  /** The assistant's reply says a human has taken over. */
  handoff?: boolean;
  /** When the message was written, in ms since the epoch. */
  at: number;
  /** For a reply: the id of the visitor's message it answers (the proxy knows replies by it). */
  re?: string;
  /** For a reply: the visitor's verdict, when given. */
  rating?: Rating;
}

/**
 * Longest reply text the widget keeps: the panel renders no more (ui/rich-text cuts there), so
 * memory and storage hold no more either.
 */
export const REPLY_CHARS = 20_000;

/** Returns the list with the message of `id` changed to `state`. */
export function withState(
  messages: readonly ChatMessage[],
  id: string,
  state: DeliveryState,
): ChatMessage[] {
  return messages.map((message) => (message.id === id ? { ...message, state } : message));
}

/** Keeps the newest `limit` messages. */
export function capHistory(messages: readonly ChatMessage[], limit: number): ChatMessage[] {
  return messages.length > limit ? messages.slice(messages.length - limit) : [...messages];
}

/**
 * Reads a stored history back, dropping anything malformed. A message left `sending` when the page
 * went away never got its answer here, so it comes back as `failed`, ready to retry.
 */
export function reviveHistory(value: unknown): ChatMessage[] {
  if (!Array.isArray(value)) return [];
  const messages: ChatMessage[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const { id, role, text, state, handoff, at, re, rating } = item as Record<string, unknown>;
    if (typeof id !== 'string' || typeof text !== 'string' || typeof at !== 'number') continue;
    if (role !== 'user' && role !== 'assistant') continue;
    const message: ChatMessage = { id, role, text, at };
    if (role === 'user') {
      message.state =
        state === 'sent' || state === 'queued' || state === 'failed' ? state : 'failed';
    }
    if (handoff === true) message.handoff = true;
    if (typeof re === 'string') message.re = re;
    if (rating === 'up' || rating === 'down') message.rating = rating;
    messages.push(message);
  }
  return messages;
}

/**
 * How far along each state is; when two tabs disagree about a message, the further one wins.
 * `queued` ranks above `failed` because a visitor's Retry moves a failed message back to queued.
 */
const PROGRESS: Record<DeliveryState, number> = { failed: 0, queued: 1, sending: 2, sent: 3 };

/**
 * Merges the history another tab stored with this tab's, so neither tab's write drops the other's
 * messages. This tab's order is kept; a message only the other tab has goes right after the
 * message it followed there (a reply stays under its question). For a message both have, the
 * further delivery state wins, except for `decided` ids: this tab has just moved those itself
 * (sent, failed or retried them), so its state is the news.
 */
export function mergeHistories(
  stored: readonly ChatMessage[],
  mine: readonly ChatMessage[],
  decided: ReadonlySet<string> = new Set(),
): ChatMessage[] {
  const theirs = new Map(stored.map((message) => [message.id, message]));
  const known = new Set(mine.map((message) => message.id));
  // The messages only `stored` has, in runs keyed by the message they follow there (`undefined`:
  // the head), collected in one pass: a search per message made a first load quadratic.
  const runs = new Map<string | undefined, ChatMessage[]>();
  let after: string | undefined;
  for (const message of stored) {
    if (!known.has(message.id)) {
      known.add(message.id);
      const run = runs.get(after);
      if (run) run.push(message);
      else runs.set(after, [message]);
      continue;
    }
    after = message.id;
  }
  const merged = runs.get(undefined) ?? [];
  for (const message of mine) {
    const other = theirs.get(message.id);
    const further =
      other?.state &&
      message.state &&
      !decided.has(message.id) &&
      PROGRESS[other.state] > PROGRESS[message.state];
    merged.push(further ? other : message, ...(runs.get(message.id) ?? []));
  }
  return merged;
}
