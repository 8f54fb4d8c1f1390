import type { RateDecision, Reservation } from '../state/types.ts';

/**
 * The decisions a {@link ChatletState} object makes, as pure steps from the stored entry and the
 * object's clock to the next entry and the answer. Kept apart from storage so each step reads as
 * the rule it applies.
 */

/** A token bucket: tokens left at `at`. */
export interface Bucket {
  tokens: number;
  at: number;
}

/** A sliding window: the start times inside it, oldest first, and an upstream-imposed pause. */
export interface StartWindow {
  starts: number[];
  blockedUntil: number;
}

/** Takes one token from a bucket holding `perMinute` (also its burst), refilled continuously. */
export function takeToken(
  stored: Bucket | undefined,
  at: number,
  perMinute: number,
): { bucket: Bucket; decision: RateDecision } {
  const perMs = perMinute / 60_000;
  const previous = stored ?? { tokens: perMinute, at };
  const tokens = Math.min(perMinute, previous.tokens + Math.max(0, at - previous.at) * perMs);
  if (tokens >= 1) return { bucket: { tokens: tokens - 1, at }, decision: { allowed: true } };
  const retryAfterS = Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
  return { bucket: { tokens, at }, decision: { allowed: false, retryAfterS } };
}

/** When a bucket is full again, so its entry can be forgotten. */
export const bucketExpiry = (bucket: Bucket, perMinute: number): number =>
  bucket.at + Math.ceil(((perMinute - bucket.tokens) / perMinute) * 60_000);

/** Records one start if fewer than `limit` started within `windowMs` and the key is not blocked. */
export function reserveStart(
  stored: StartWindow | undefined,
  at: number,
  limit: number,
  windowMs: number,
): { window: StartWindow; reservation: Reservation } {
  const starts = (stored?.starts ?? []).filter((start) => start > at - windowMs);
  const blockedUntil = stored?.blockedUntil ?? 0;
  const window = { starts, blockedUntil };
  if (blockedUntil > at)
    return { window, reservation: { reserved: false, retryAfterMs: blockedUntil - at } };
  if (starts.length < limit) {
    return { window: { starts: [...starts, at], blockedUntil }, reservation: { reserved: true } };
  }
  // The start that has to leave the window before one more fits.
  const leaving = starts[starts.length - limit] ?? at;
  return {
    window,
    reservation: { reserved: false, retryAfterMs: Math.max(1, leaving + windowMs - at) },
  };
}

/** When a window holds nothing that still matters. */
export const windowExpiry = (window: StartWindow, windowMs: number): number =>
  Math.max(window.blockedUntil, (window.starts.at(-1) ?? 0) + windowMs);
