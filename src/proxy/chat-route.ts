import { LIMITS, type ChatReply, type ChatRequest } from '../core/protocol.ts';
import { checkChatRequest } from '../core/validate.ts';
import { jsonTextAnswer, type Answer } from './answer.ts';
import { createAnsweredReplies } from './answered-replies.ts';
import { clientIpOf, ipBucketOf, type ProxyContext } from './client-ip.ts';
import { createConversationTokens } from './conversation-token.ts';
import { HttpError, rateLimited } from './http-error.ts';
import { createIdempotency } from './idempotency.ts';
import { fingerprintOf } from './message-fingerprint.ts';
import { readJsonBody } from './read-json-body.ts';
import type { ProxyRequest } from './proxy-request.ts';
import { withStickyKeys } from './sticky-metadata.ts';
import type { ResolvedProxyOptions } from './resolve-options.ts';
import { unlimited } from './state/memory-rate-limiter.ts';
import type { LimitTake, RateLimiter } from './state/types.ts';
import { callUpstream } from './upstream-call.ts';

/** Facts about one chat request that end up in its log line. */
export interface ChatFacts {
  conversation_reset?: boolean;
  replayed?: boolean;
  retries?: number;
  text?: string;
  reply?: string;
}

/**
 * Handles `POST /chat` after routing and the origin check; failures are thrown, never answered.
 * The answer's body is the reply's JSON, made once (the idempotency store embeds the same text).
 */
export type ChatRoute = (
  request: ProxyRequest,
  context: ProxyContext,
  facts: ChatFacts,
) => Promise<Answer>;

/** An attempt with a `client_message_id` may run this many times the visitor's upstream deadline. */
const ATTEMPT_FACTOR = 2;

/** Builds the chat route once from the resolved options. */
export function createChatRoute(config: ResolvedProxyOptions): ChatRoute {
  const { provider } = config;
  const tokens = createConversationTokens(config.secret, {
    now: config.now,
    maxAgeMs: config.conversationMaxAgeMs,
    previousSecrets: config.previousSecrets,
    store: config.store,
    crypto: config.crypto,
  });
  const idempotency = createIdempotency(config.store, {
    ttlMs: config.idempotencyTtlMs,
    waitMs: config.upstreamTimeoutMs,
    attemptMs: ATTEMPT_FACTOR * config.upstreamTimeoutMs,
  });
  // What the feedback route (feedback-route.ts) checks a rating against.
  const answered = createAnsweredReplies(config.store, provider.name);

  // One async function per message, and no `await` on what is known already: a body the adapter
  // read, a fingerprint and a token from node:crypto, a settled store answer. Each layer of async
  // functions and each await cost a promise, a frame and a turn of the microtask queue.
  return async (request, context, facts) => {
    const body = readJsonBody(request, LIMITS.bodyBytes);
    const input = parseInput(body instanceof Promise ? await body : body);
    if (config.logMessages) facts.text = input.text;

    // A token that does not open (forged, tampered, expired, another provider's) never reaches the
    // upstream: the message starts a new conversation and the answer says so.
    const opened =
      input.conversation === undefined
        ? undefined
        : await tokens.open(provider.name, input.conversation);
    const conversationKey = opened?.key;
    const reset = input.conversation !== undefined && conversationKey === undefined;
    const { metadata, sticky } = withStickyKeys(
      input.client_metadata,
      opened?.sticky ?? [],
      provider.stickyMetadataKeys ?? [],
    );
    const clientIp = clientIpOf(request, context, config.trustProxy);

    // A limit turned off (0) costs nothing: no key is built, no limiter is asked.
    const limits: LimitTake[] = [];
    if (config.ipLimiter !== unlimited) {
      limits.push({ limiter: config.ipLimiter, key: `ip:${ipBucketOf(clientIp)}` });
    }
    if (conversationKey !== undefined && config.conversationLimiter !== unlimited) {
      const key = `conversation:${provider.name}:${conversationKey}`;
      limits.push({ limiter: config.conversationLimiter, key });
    }

    /** Calls the upstream; takes the limits first unless the idempotency claim took them. */
    const send = async (timeoutMs: number, taken: boolean): Promise<ChatReply> => {
      if (!taken) for (const limit of limits) await take(limit.limiter, limit.key);
      facts.retries = 0;
      const answer = await callUpstream(
        {
          text: input.text,
          conversationKey,
          messageContext: input.message_context,
          metadata,
        },
        {
          provider,
          policy: config.retry,
          timeoutMs,
          sleep: config.sleep,
          random: config.random,
          onRetry: () => {
            facts.retries = (facts.retries ?? 0) + 1;
          },
        },
      );
      if (input.client_message_id !== undefined) {
        // Not awaited, so the visitor does not wait for a shared store's round trip: a rating
        // comes after the reply was read, and this write is queued before the answer's own. A
        // failed write only makes a rating of this reply refused like an unknown one.
        const remembered = answered.remember(answer.conversationKey, input.client_message_id);
        context.waitUntil?.(remembered);
        remembered.catch(() => {});
      }
      const token = tokens.mint(provider.name, { key: answer.conversationKey, sticky });
      const reply: ChatReply = {
        conversation: typeof token === 'string' ? token : await token,
        reply: answer.reply,
        ord_number: answer.ordNumber,
        handoff: answer.handoff,
        conversation_reset: reset || answer.conversationReset,
      };
      if (answer.functionCalls !== undefined && answer.functionCalls.length > 0) {
        reply.function_calls = answer.functionCalls;
      }
      return reply;
    };

    let reply: ChatReply;
    let text: string;
    if (input.client_message_id === undefined) {
      reply = await send(config.upstreamTimeoutMs, false);
      text = JSON.stringify(reply);
    } else {
      // Scoped by conversation, so one visitor's id can never fetch another conversation's answer.
      // A first message has no conversation yet; its retry may come from another address (a phone
      // switching networks), so it is keyed by the id alone, which must then be unguessable: the
      // widget sends a random UUID.
      const scope = conversationKey ?? 'new';
      const key = `${provider.name}:${scope}:${input.client_message_id}`;
      const digest = fingerprintOf(config.crypto.current, input.text, input.message_context);
      const fingerprint = typeof digest === 'string' ? digest : await digest;
      // The attempt may outlive this request's deadline (504), so that the widget's retry gets
      // its answer instead of making a second upstream call. The limits are taken with the claim
      // (one round trip to a shared store), so a replayed answer costs the visitor nothing.
      const outcome = await idempotency.run(
        key,
        fingerprint,
        () => send(ATTEMPT_FACTOR * config.upstreamTimeoutMs, true),
        context.waitUntil,
        limits,
      );
      facts.replayed = outcome.replayed;
      reply = outcome.reply;
      text = outcome.text;
    }
    facts.conversation_reset = reply.conversation_reset;
    if (config.logMessages) facts.reply = reply.reply;
    return jsonTextAnswer(200, text);
  };
}

function parseInput(body: unknown): ChatRequest {
  const checked = checkChatRequest(body);
  if (!checked.ok) {
    throw new HttpError(400, 'bad_request', checked.message, { field: checked.field });
  }
  return checked.value;
}

/** Takes one request from `key`'s allowance, or throws the 429 that says how long to wait. */
export async function take(limiter: RateLimiter, key: string): Promise<void> {
  const decision = await limiter.take(key);
  if (!decision.allowed) throw rateLimited(decision.retryAfterS);
}
