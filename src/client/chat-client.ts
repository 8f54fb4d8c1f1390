import { ChatletError } from '../core/errors.ts';
import type { FeedbackRequest } from '../core/feedback.ts';
import type { ChatReply, ChatRequest } from '../core/protocol.ts';
import { checkChatReply, readErrorBody } from '../core/validate.ts';

/** Sends one message of the conversation to the proxy; the UI depends on this, tests fake it. */
export interface ChatClient {
  /** Posts `request` and resolves with the checked reply, or rejects with a {@link ChatletError}. */
  send(request: ChatRequest, options?: { signal?: AbortSignal }): Promise<ChatReply>;
  /** Posts a rating to `{endpoint}/feedback`; rejects when it was not accepted. */
  feedback?(request: FeedbackRequest): Promise<void>;
}

/** Settings of {@link createHttpChatClient}. */
export interface HttpChatClientOptions {
  /** URL of the proxy's chat route. */
  endpoint: string;
  /**
   * How long to wait for an answer before giving up with a `timeout` error.
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * The fetch to use; injectable for tests and unusual runtimes.
   * @default globalThis.fetch
   */
  fetch?: typeof globalThis.fetch;
}

/**
 * The HTTP {@link ChatClient}: posts the wire protocol of src/core/protocol.ts to the proxy and turns every way it can go
 * wrong into a typed {@link ChatletError}. It never retries by itself: whether a retry is safe is
 * the caller's call (a POST after a timeout may already have been answered).
 */
export function createHttpChatClient(options: HttpChatClientOptions): ChatClient {
  const { endpoint, timeoutMs = 30_000 } = options;
  // Bound late so a page that patches fetch after load (analytics, test stubs) is still honoured.
  const doFetch = (input: string, init: RequestInit): Promise<Response> =>
    (options.fetch ?? globalThis.fetch)(input, init);

  return {
    async send(request, { signal } = {}) {
      // A controller and a timer rather than AbortSignal.timeout/any, which older Safari lacks.
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      const cancel = (): void => controller.abort();
      if (signal?.aborted) cancel();
      signal?.addEventListener('abort', cancel);
      let response: Response;
      let body: unknown;
      try {
        response = await doFetch(endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(request),
          credentials: 'omit',
          signal: controller.signal,
        });
        body = await readJson(response);
      } catch (error) {
        throw toTransportError(error, timedOut, timeoutMs);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', cancel);
      }
      if (!response.ok) throw toHttpError(response, body, endpoint);
      const checked = checkChatReply(body);
      if (!checked.ok) {
        throw new ChatletError(
          'protocol',
          `The chat proxy answered in an unexpected shape (${checked.message}) — check that data-endpoint points at a Chatlet proxy.`,
          { status: response.status },
        );
      }
      return checked.value;
    },
    async feedback(request) {
      const url = new URL(endpoint, location.href);
      url.pathname = url.pathname.replace(/\/?$/, '/feedback');
      const response = await doFetch(url.href, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
        credentials: 'omit',
      });
      if (!response.ok)
        throw new ChatletError('rejected', `Feedback refused (${response.status}).`);
    },
  };
}

const NOT_JSON = Symbol('not JSON');

/** Reads the body as JSON, or {@link NOT_JSON} when it is not; network failures still throw. */
async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

function toTransportError(error: unknown, timedOut: boolean, timeoutMs: number): ChatletError {
  if (timedOut) {
    return new ChatletError(
      'timeout',
      `The chat proxy did not answer within ${Math.round(timeoutMs / 1000)}\u00a0s.`,
      { cause: error },
    );
  }
  // fetch rejects with a TypeError for DNS, refused connections, CORS and offline; an AbortError
  // here means the caller cancelled, which for the UI is the same "it did not go through".
  return new ChatletError('network', 'Could not reach the chat proxy; check the connection.', {
    cause: error,
  });
}

function toHttpError(response: Response, body: unknown, endpoint: string): ChatletError {
  const { status } = response;
  const envelope = body === NOT_JSON ? undefined : readErrorBody(body);
  // The site owner's mistake, not the visitor's: the sentence names what to change, and `field`
  // marks it for the widget, which logs it once on the console.
  if (envelope?.code === 'forbidden_origin') {
    return new ChatletError(
      'rejected',
      `the chat proxy ${endpoint} refuses pages from ${globalThis.location?.origin ?? 'this origin'}: add this origin to CHATLET_ALLOWED_ORIGINS where the proxy runs.`,
      { status, field: 'origin' },
    );
  }
  const message = envelope?.message ?? `The chat proxy answered with HTTP ${status}.`;
  if (status === 429) {
    const retryAfterS = envelope?.retry_after_s ?? readRetryAfter(response.headers);
    return new ChatletError('rate_limited', message, {
      status,
      ...(retryAfterS === undefined ? {} : { retryAfterS }),
    });
  }
  // The proxy's 504 means the assistant took too long: the visitor is told that, not "unavailable".
  if (envelope?.code === 'upstream_timeout')
    return new ChatletError('timeout', message, { status });
  if (status >= 500) return new ChatletError('upstream', message, { status });
  if (status >= 400) {
    return new ChatletError('rejected', message, {
      status,
      ...(envelope?.field === undefined ? {} : { field: envelope.field }),
    });
  }
  // 1xx/3xx reach here only when a redirect was not followed: not our protocol.
  return new ChatletError('protocol', message, { status });
}

/** Reads `Retry-After` as seconds: either a number or an HTTP date. */
function readRetryAfter(headers: Headers): number | undefined {
  const value = headers.get('Retry-After')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
