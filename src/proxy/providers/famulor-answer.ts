/** Reads Famulor's answers: the reply of a 2xx, and what went wrong otherwise. */
import { UpstreamError, type UpstreamReply } from '../provider.ts';
import type { FamulorConfig } from './famulor.ts';
import { parseObject, parseRetryAfter, type UpstreamResponse } from './upstream-http.ts';

/** Fields we send, so a 422 can only name these; anything else in its keys is not logged. */
const REQUEST_FIELD =
  /^(assistant_id|customer_identifier|message|variables(\.[A-Za-z_][A-Za-z0-9_-]{0,39})?)$/;

type FunctionCall = NonNullable<UpstreamReply['functionCalls']>[number];

/** Maps a non-2xx answer of Famulor to the proxy's failure kinds; the message is for operators. */
export function failureOf(response: UpstreamResponse, config: FamulorConfig): UpstreamError {
  const { status } = response;
  // `redirect: 'manual'` yields the 302 itself in Node and workerd, but an opaque status-0
  // response in browsers and some Fetch runtimes; both mean the same refused token.
  if (status === 302 || status === 0) {
    return new UpstreamError(
      'unauthorized',
      'FAMULOR_API_TOKEN was refused (302 to the login page).',
      { status },
    );
  }
  if (status >= 300 && status < 400) {
    return new UpstreamError(
      'misconfigured',
      `FAMULOR_API_URL answered with a redirect (HTTP ${status}); set it to the final URL.`,
      { status },
    );
  }
  if (status === 401 || status === 403) {
    return new UpstreamError('unauthorized', `FAMULOR_API_TOKEN was refused (HTTP ${status}).`, {
      status,
    });
  }
  const body = parseObject(response.text);
  if (status === 429) {
    const retryAfterS =
      parseRetryAfter(response.headers.get('retry-after'), Date.now()) ??
      secondsOf(body?.['retry_after']);
    return new UpstreamError(
      'rate_limited',
      'Famulor rate limit reached (5 requests per minute per API token).',
      retryAfterS === undefined ? { status } : { status, retryAfterS },
    );
  }
  if (status === 503) {
    return new UpstreamError('unavailable', 'Famulor is unavailable (HTTP 503).', { status });
  }
  if (status >= 500) {
    return new UpstreamError('failed', `Famulor failed (HTTP ${status}).`, { status });
  }
  return new UpstreamError('misconfigured', misconfiguration(status, body, config), { status });
}

/** Names the cause for the operator from `error_code` or the 422 field names, never the raw body. */
function misconfiguration(
  status: number,
  body: Record<string, unknown> | undefined,
  config: FamulorConfig,
): string {
  const code = body?.['error_code'];
  const errorCode = typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code) ? code : undefined;
  if (status === 402 || errorCode === 'INSUFFICIENT_BALANCE') {
    return 'Famulor refused the request: INSUFFICIENT_BALANCE; top up the Famulor account.';
  }
  if (errorCode === 'ASSISTANT_NOT_FOUND') {
    return `Famulor refused the request: ASSISTANT_NOT_FOUND; check FAMULOR_ASSISTANT_ID (${config.assistantId}).`;
  }
  if (status === 404) {
    return 'Famulor answered 404 without an error code; check FAMULOR_API_URL.';
  }
  if (status === 422) {
    const errors = body?.['errors'];
    const names = isRecord(errors)
      ? Object.keys(errors)
          .filter((name) => REQUEST_FIELD.test(name))
          .slice(0, 10)
      : [];
    const which = names.length > 0 ? `: ${names.join(', ')}` : '';
    return `Famulor rejected the request as invalid (HTTP 422)${which}.`;
  }
  const suffix = errorCode === undefined ? '' : `: ${errorCode}`;
  return `Famulor refused the request (HTTP ${status})${suffix}.`;
}

/** The body's `retry_after` (Famulor's 429), read only when there is no `Retry-After` header. */
function secondsOf(value: unknown): number | undefined {
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return undefined;
  return Math.min(Math.ceil(seconds), 3600);
}

/**
 * Reads a 2xx answer: the reply (empty when `ai_disabled`, a handoff), the identifier we sent as the
 * conversation key, and only the allowlisted function calls.
 */
export function readReply(
  response: UpstreamResponse,
  customerIdentifier: string,
  forward: ReadonlySet<string>,
): UpstreamReply {
  const { status } = response;
  const body = parseObject(response.text);
  if (body === undefined || body['success'] !== true) {
    throw new UpstreamError(
      'bad_response',
      `Famulor answered HTTP ${status} without "success": true.`,
      {
        status,
      },
    );
  }
  const handoff = body['ai_disabled'] === true;
  const reply = body['reply'];
  // With AI replies disabled (a human took over) Famulor's `reply` is undocumented: often empty.
  if (typeof reply !== 'string' && !(handoff && (reply === undefined || reply === null))) {
    throw new UpstreamError('bad_response', 'Famulor answered without a "reply" string.', {
      status,
    });
  }
  const calls = body['function_calls'];
  if (calls !== undefined && calls !== null && !Array.isArray(calls)) {
    throw new UpstreamError('bad_response', 'Famulor answered "function_calls" that is no list.', {
      status,
    });
  }
  const result: UpstreamReply = {
    reply: typeof reply === 'string' ? reply : '',
    // Ours, not the echoed one: the token must wrap exactly what this proxy minted.
    conversationKey: customerIdentifier,
    ordNumber: 0,
    handoff,
    conversationReset: false,
  };
  const forwarded = forward.size === 0 ? [] : pickCalls(calls ?? [], forward);
  if (forwarded.length > 0) result.functionCalls = forwarded;
  return result;
}

function pickCalls(calls: unknown[], forward: ReadonlySet<string>): FunctionCall[] {
  const picked: FunctionCall[] = [];
  for (const call of calls) {
    if (!isRecord(call) || typeof call['name'] !== 'string' || !forward.has(call['name'])) continue;
    const item: FunctionCall = { name: call['name'] };
    if (call['arguments'] !== undefined) item.arguments = call['arguments'];
    if (call['result'] !== undefined) item.result = call['result'];
    picked.push(item);
  }
  return picked;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
