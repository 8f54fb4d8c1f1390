import { errorAnswer, jsonAnswer, toResponse, type Answer } from './answer.ts';
import type { ProxyContext } from './client-ip.ts';
import { createChatRoute, type ChatFacts } from './chat-route.ts';
import {
  assertOriginAllowed,
  checkRequestOrigin,
  corsHeaders,
  type OriginCheck,
  preflightAnswer,
  shownOrigin,
} from './cors.ts';
import { createFeedbackRoute } from './feedback-route.ts';
import { HttpError, toHttpError } from './http-error.ts';
import { consoleOut, type LineChoice, type LogEntry } from './log.ts';
import type { ChatletProxyOptions } from './options.ts';
import { createOriginWarnings } from './origin-warnings.ts';
import type { CryptoChoice } from './proxy-crypto.ts';
import type { ProxyRequest } from './proxy-request.ts';
import { createRequestIds } from './request-ids.ts';
import { logRequest } from './request-log.ts';
import { resolveProxyOptions } from './resolve-options.ts';

/** The proxy as a Fetch-API handler, mountable in any runtime. */
export type ChatletProxyHandler = (request: Request, context?: ProxyContext) => Promise<Response>;

/** The same proxy without the Fetch API at either end: what the Node adapter calls. */
export type AnswerHandler = (request: ProxyRequest, context?: ProxyContext) => Promise<Answer>;

/** What a runtime adapter may reach of a handler made by {@link createChatletProxy}. */
export interface HandlerInternals {
  /** The Fetch-free entry. */
  answer: AnswerHandler;
  /** The crypto its tokens and fingerprints use, which the adapter may switch to its runtime's. */
  crypto: CryptoChoice;
  /** Where the default logger's request lines go, which the adapter may switch to a cheaper writer. */
  lines: LineChoice;
}

/** Where a handler made by {@link createChatletProxy} keeps its {@link HandlerInternals}. */
const INTERNALS = Symbol.for('chatlet.proxy.internals');

/**
 * The internals of a handler made by {@link createChatletProxy}, or `undefined` for any other
 * handler (a wrapper of the operator's must get a real `Request`).
 */
export function internalsOf(handler: ChatletProxyHandler): HandlerInternals | undefined {
  return (handler as { [INTERNALS]?: HandlerInternals })[INTERNALS];
}

/**
 * Creates the proxy: `POST /chat`, `POST /chat/feedback` (see feedback-route.ts), their `OPTIONS`,
 * and `GET /healthz`, matched on the end of the path so it also works mounted under a prefix.
 * Options are checked here, once; a wrong one throws a {@link ProxyConfigError}.
 */
export function createChatletProxy(options: ChatletProxyOptions): ChatletProxyHandler {
  const config = resolveProxyOptions(options);
  const chat = createChatRoute(config);
  const feedback = createFeedbackRoute(config, {
    webhook: options.feedbackWebhook,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
  });
  const providerName = config.provider.name;
  const warnRefused = createOriginWarnings(safeLog, config.now);
  const lines: LineChoice = { out: consoleOut };
  const nextRequestId = createRequestIds();

  const answer: AnswerHandler = async (request, context = {}) => {
    const started = config.now();
    const requestId = nextRequestId();
    const path = pathOf(request.url);
    const kind = routeOf(path);
    // `…/chat/feedback` shares the chat route's origin rules and CORS headers.
    const isChat = kind === 'chat' || kind === 'feedback';
    const origin = checkRequestOrigin(request, config.allowedOrigins, config.publicOrigin);
    const facts: ChatFacts = {};
    let result: Answer;
    let failure: HttpError | undefined;
    let cause: unknown;
    try {
      // A promise only for what waits (a message, a rating): one await, and no closure per request.
      const routed = route(kind, request, context, facts, origin);
      result = routed instanceof Promise ? await routed : routed;
    } catch (error) {
      // The one place where failures become HTTP.
      failure = toHttpError(error);
      cause = error;
      result = errorAnswer(failure);
    }
    const headers = result.headers;
    if (isChat) {
      Object.assign(headers, corsHeaders(origin));
      headers['vary'] = headers['vary'] === undefined ? 'Origin' : `${headers['vary']}, Origin`;
    }
    headers['x-request-id'] = requestId;
    if (isChat && origin.kind === 'refused') warnRefused(origin.origin, requestId);
    try {
      logRequest(
        config.log,
        {
          requestId,
          method: request.method,
          path,
          status: result.status,
          provider: providerName,
          latencyMs: Math.max(0, config.now() - started),
          facts,
          origin: origin.kind === 'none' ? undefined : shownOrigin(origin.origin),
          failure,
          cause,
        },
        lines.out,
      );
    } catch {
      // A failing log sink must not turn an answered request into a failed one.
    }
    return result;
  };

  const handler: ChatletProxyHandler = async (request, context) =>
    toResponse(await answer(request, context));
  const internals: HandlerInternals = { answer, crypto: config.crypto, lines };
  Object.defineProperty(handler, INTERNALS, { value: internals });
  return handler;

  /** The answer of the route `kind`; failures are thrown, the caller answers them. */
  function route(
    kind: RouteKind,
    request: ProxyRequest,
    context: ProxyContext,
    facts: ChatFacts,
    origin: OriginCheck,
  ): Answer | Promise<Answer> {
    const method = request.method.toUpperCase();
    if (kind === 'chat' || kind === 'feedback') {
      // The preflight passes for every origin, so a refused page can read its 403 below.
      if (method === 'OPTIONS') return preflightAnswer(origin);
      assertOriginAllowed(origin);
      if (method !== 'POST') throw notAllowed('POST, OPTIONS');
      if (kind === 'feedback') return feedback(request, context).then(noContent);
      return chat(request, context, facts);
    }
    if (kind === 'healthz') {
      if (method !== 'GET' && method !== 'HEAD') throw notAllowed('GET, HEAD');
      const health = jsonAnswer(200, {
        ok: true,
        provider: providerName,
        state: config.state.health(),
      });
      return method === 'HEAD' ? { ...health, body: null } : health;
    }
    throw new HttpError(404, 'not_found', 'No such route: the chat route is POST …/chat.');
  }

  function safeLog(entry: LogEntry): void {
    try {
      config.log(entry);
    } catch {
      // A failing log sink must not turn an answered request into a failed one.
    }
  }
}

/** The routes, matched on the end of the path. */
type RouteKind = 'chat' | 'feedback' | 'healthz' | undefined;

function routeOf(path: string): RouteKind {
  if (path.endsWith('/chat/feedback')) return 'feedback';
  if (path.endsWith('/chat')) return 'chat';
  return path.endsWith('/healthz') ? 'healthz' : undefined;
}

/** The path of an absolute URL, without building a `URL` (the adapters hand over valid ones). */
function pathOf(url: string): string {
  const scheme = url.indexOf('://');
  const start = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
  if (start < 0) return '/';
  let end = url.length;
  for (const mark of ['?', '#']) {
    const at = url.indexOf(mark, start);
    if (at >= 0 && at < end) end = at;
  }
  return url.slice(start, end);
}

/** The answer of a rating: nothing to say. */
function noContent(): Answer {
  return { status: 204, headers: {}, body: null };
}

function notAllowed(allow: string): HttpError {
  return new HttpError(405, 'method_not_allowed', `This route accepts ${allow}.`, { allow });
}
