import { checkFeedbackRequest, FEEDBACK_BODY_BYTES } from '../core/feedback.ts';
import { createAnsweredReplies } from './answered-replies.ts';
import { take } from './chat-route.ts';
import { clientIpOf, ipBucketOf, type ProxyContext } from './client-ip.ts';
import { createConversationTokens } from './conversation-token.ts';
import { checkWebhookUrl, createWebhook } from './feedback-webhook.ts';
import { HttpError } from './http-error.ts';
import { readJsonBody } from './read-json-body.ts';
import type { ProxyRequest } from './proxy-request.ts';
import type { ResolvedProxyOptions } from './resolve-options.ts';

/** Handles `POST …/chat/feedback` after routing and the origin check; answers 204 or throws. */
export type FeedbackRoute = (request: ProxyRequest, context: ProxyContext) => Promise<void>;

/** What the feedback route needs beyond the resolved options. */
export interface FeedbackRouteParts {
  /** `CHATLET_FEEDBACK_WEBHOOK`, when set. */
  webhook: string | undefined;
  /** The fetch the webhook is posted with. */
  fetch: typeof fetch;
}

/**
 * The feedback route. What it checks, in order (each refusal is a 4xx and nothing is forwarded):
 * the body is JSON of at most 1 KB (415, 413, 400); `rating` is `up` or `down`, and the other
 * fields have the protocol's shapes (400 naming the field); the abuse limits of the chat route, in
 * their own buckets (429); the conversation token opens — signed by this proxy, not expired, this
 * provider's (403 `forbidden_conversation`); and this proxy answered `client_message_id` in that
 * very conversation within the last day (404) — which is as far as it can tell that the reply is
 * real: it does not keep the reply's text. Then a `feedback` log line, and the webhook.
 */
export function createFeedbackRoute(
  config: ResolvedProxyOptions,
  parts: FeedbackRouteParts,
): FeedbackRoute {
  const { provider, log } = config;
  const tokens = createConversationTokens(config.secret, {
    now: config.now,
    maxAgeMs: config.conversationMaxAgeMs,
    previousSecrets: config.previousSecrets,
    store: config.store,
    crypto: config.crypto,
  });
  const answered = createAnsweredReplies(config.store, provider.name);
  // Resolved at start-up, so a wrong URL stops the proxy instead of failing every rating.
  const webhook =
    parts.webhook === undefined
      ? undefined
      : createWebhook(checkWebhookUrl(parts.webhook), parts.fetch, log);

  return async (request, context) => {
    const checked = checkFeedbackRequest(await readJsonBody(request, FEEDBACK_BODY_BYTES));
    if (!checked.ok) {
      throw new HttpError(400, 'bad_request', checked.message, { field: checked.field });
    }
    const { conversation, client_message_id, rating } = checked.value;
    const clientIp = clientIpOf(request, context, config.trustProxy);
    await take(config.ipLimiter, `feedback-ip:${ipBucketOf(clientIp)}`);
    const conversationKey = (await tokens.open(provider.name, conversation))?.key;
    if (conversationKey === undefined) {
      throw new HttpError(
        403,
        'forbidden_conversation',
        'The conversation token was not issued by this proxy, or has expired.',
        { field: 'conversation' },
      );
    }
    await take(
      config.conversationLimiter,
      `feedback-conversation:${provider.name}:${conversationKey}`,
    );
    if (!(await answered.has(conversationKey, client_message_id))) {
      throw new HttpError(
        404,
        'not_found',
        'No recent reply to this client_message_id in this conversation.',
        { field: 'client_message_id' },
      );
    }
    log({ level: 'info', event: 'feedback', provider: provider.name, rating, client_message_id });
    await webhook?.({
      event: 'feedback',
      rating,
      client_message_id,
      provider: provider.name,
      at: new Date(config.now()).toISOString(),
    });
  };
}
