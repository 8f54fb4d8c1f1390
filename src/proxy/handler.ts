import type { ProxyContext } from './client-ip.ts';
import { createChatRoute, type ChatFacts } from './chat-route.ts';
import {
  assertOriginAllowed,
  checkRequestOrigin,
  corsHeaders,
  preflightResponse,
  shownOrigin,
} from './cors.ts';
import { createFeedbackRoute } from './feedback-route.ts';
import { failureResponse, HttpError, jsonResponse, toHttpError } from './http-error.ts';
import type { LogEntry } from './log.ts';
import type { ChatletProxyOptions } from './options.ts';
import { UpstreamError } from './provider.ts';
import { createOriginWarnings } from './origin-warnings.ts';
import { resolveProxyOptions } from './resolve-options.ts';

/** The proxy as a Fetch-API handler, mountable in any runtime. */
export type ChatletProxyHandler = (request: Request, context?: ProxyContext) => Promise<Response>;

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

  return async (request, context = {}) => {
    const started = config.now();
    const requestId = crypto.randomUUID();
    const url = new URL(request.url);
    // `…/chat/feedback` shares the chat route's origin rules and CORS headers.
    const isFeedback = url.pathname.endsWith('/chat/feedback');
    const isChat = isFeedback || url.pathname.endsWith('/chat');
    const origin = checkRequestOrigin(request, config.allowedOrigins, config.publicOrigin);
    const facts: ChatFacts = {};
    let response: Response;
    let failure: HttpError | undefined;
    let cause: unknown;
    try {
      response = await route();
    } catch (error) {
      // The one place where failures become HTTP.
      failure = toHttpError(error);
      cause = error;
      response = failureResponse(failure);
    }
    if (isChat) {
      for (const [name, value] of Object.entries(corsHeaders(origin))) {
        response.headers.set(name, value);
      }
      response.headers.append('vary', 'Origin');
    }
    response.headers.set('x-request-id', requestId);
    if (isChat && origin.kind === 'refused') warnRefused(origin.origin, requestId);
    safeLog(logEntry());
    return response;

    async function route(): Promise<Response> {
      const method = request.method.toUpperCase();
      if (isChat) {
        // The preflight passes for every origin, so a refused page can read its 403 below.
        if (method === 'OPTIONS') return preflightResponse(origin);
        assertOriginAllowed(origin);
        if (method !== 'POST') throw notAllowed('POST, OPTIONS');
        if (isFeedback) {
          await feedback(request, context);
          return new Response(null, { status: 204 });
        }
        return jsonResponse(200, await chat(request, context, facts));
      }
      if (url.pathname.endsWith('/healthz')) {
        if (method !== 'GET' && method !== 'HEAD') throw notAllowed('GET, HEAD');
        const health = jsonResponse(200, {
          ok: true,
          provider: providerName,
          state: config.state.health(),
        });
        return method === 'HEAD' ? new Response(null, { headers: health.headers }) : health;
      }
      throw new HttpError(404, 'not_found', 'No such route: the chat route is POST …/chat.');
    }

    function logEntry(): LogEntry {
      const entry: LogEntry = {
        level: 'info',
        event: 'request',
        request_id: requestId,
        method: request.method,
        path: url.pathname,
        status: response.status,
        provider: providerName,
        latency_ms: Math.max(0, config.now() - started),
        ...facts,
      };
      if (origin.kind !== 'none') entry.origin = shownOrigin(origin.origin);
      if (failure === undefined) return entry;
      entry.error_code = failure.code;
      if (cause instanceof UpstreamError) {
        entry.upstream_failure = cause.failure;
        if (cause.status !== undefined) entry.upstream_status = cause.status;
        // Operator-facing text written by the providers: it names the setting, never a secret.
        entry.detail = cause.message;
        entry.level =
          cause.failure === 'unauthorized' || cause.failure === 'misconfigured' ? 'error' : 'warn';
      } else if (failure.status >= 500) {
        entry.level = 'error';
        entry.detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
      }
      return entry;
    }
  };

  function safeLog(entry: LogEntry): void {
    try {
      config.log(entry);
    } catch {
      // A failing log sink must not turn an answered request into a failed one.
    }
  }
}

function notAllowed(allow: string): HttpError {
  return new HttpError(405, 'method_not_allowed', `This route accepts ${allow}.`, { allow });
}
