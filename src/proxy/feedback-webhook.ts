import type { Rating } from '../core/feedback.ts';
import { ProxyConfigError } from './config-error.ts';
import type { Logger } from './log.ts';

/** What the site owner's `CHATLET_FEEDBACK_WEBHOOK` receives: no token, no secret, no message text. */
export interface FeedbackEvent {
  event: 'feedback';
  /** The verdict. */
  rating: Rating;
  /** The `client_message_id` of the visitor's message whose reply was rated. */
  client_message_id: string;
  /** Which upstream answered (`quickchat`, `famulor`, `demo`). */
  provider: string;
  /** When the proxy received the rating, ISO 8601. */
  at: string;
}

/** How long one delivery may take; the visitor never waits on it (the widget does not). */
export const WEBHOOK_TIMEOUT_MS = 5000;
/** Deliveries at once; beyond that a rating is logged but not forwarded, so a slow hook cannot pile up. */
export const WEBHOOK_MAX_IN_FLIGHT = 16;

/**
 * The webhook's URL, checked at start-up: https, or http to a loopback address (a receiver on the
 * same machine, as in tests). Throws a {@link ProxyConfigError} naming the setting.
 */
export function checkWebhookUrl(value: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url?.hostname ?? '');
  if (url === undefined || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))) {
    throw new ProxyConfigError(
      'feedbackWebhook',
      `CHATLET_FEEDBACK_WEBHOOK "${value}" is not an https URL (http is allowed only to 127.0.0.1 or localhost).`,
    );
  }
  return url;
}

/**
 * Posts each rating once to `url`: one attempt, bounded by {@link WEBHOOK_TIMEOUT_MS}, never
 * retried (a failing receiver must not be hammered), and at most {@link WEBHOOK_MAX_IN_FLIGHT} at
 * once. Failures become `warn` log lines with the status only; the receiver's body is never read.
 */
export function createWebhook(url: URL, fetchFn: typeof fetch, log: Logger) {
  let inFlight = 0;
  return async (event: FeedbackEvent): Promise<void> => {
    if (inFlight >= WEBHOOK_MAX_IN_FLIGHT) {
      log({ level: 'warn', event: 'feedback_webhook_skipped', reason: 'too many in flight' });
      return;
    }
    inFlight += 1;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), WEBHOOK_TIMEOUT_MS);
    try {
      const response = await fetchFn(url.href, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(event),
        redirect: 'manual',
        signal: controller.signal,
      });
      await response.body?.cancel();
      if (!response.ok) {
        log({ level: 'warn', event: 'feedback_webhook_failed', status: response.status });
      }
    } catch (error) {
      log({
        level: 'warn',
        event: 'feedback_webhook_failed',
        reason: controller.signal.aborted
          ? 'timeout'
          : error instanceof Error
            ? error.name
            : 'error',
      });
    } finally {
      clearTimeout(timer);
      inFlight -= 1;
    }
  };
}
