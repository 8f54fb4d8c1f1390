import type { CallDeadline } from '../call-deadline.ts';
import type { UpstreamTurn } from '../provider.ts';
import type { UpstreamResponse, UpstreamTransport } from '../upstream-transport.ts';

export type { UpstreamResponse } from '../upstream-transport.ts';

/**
 * POSTs `body` as JSON over `transport` (which follows no redirect and maps failures to
 * {@link UpstreamError}s named after `label`, without the URL's secrets or the body).
 */
export function postJson(
  transport: UpstreamTransport,
  url: string,
  request: { headers: Record<string, string>; body: unknown; label: string } & AbortSource,
): Promise<UpstreamResponse> {
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json',
    ...request.headers,
  };
  const body = JSON.stringify(request.body);
  const { label } = request;
  if (!('deadline' in request))
    return transport(url, { headers, body, signal: request.signal, label });
  const { deadline } = request;
  return transport(url, {
    headers,
    body,
    label,
    deadline,
    // Made only when the transport reads it (call-deadline.ts).
    get signal() {
      return deadline.signal;
    },
  });
}

/** How a call is told its deadline: a signal, or the proxy's own {@link CallDeadline}. */
export type AbortSource = { signal: AbortSignal } | { deadline: CallDeadline };

/** The abort source of a turn: its deadline when it has one, without reading its `signal`. */
export function abortSourceOf(turn: UpstreamTurn): AbortSource {
  return turn.deadline === undefined ? { signal: turn.signal } : { deadline: turn.deadline };
}

/** Seconds from a `Retry-After` header (seconds or an HTTP date), bounded to an hour. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  const text = header?.trim();
  if (text === undefined || text === '') return undefined;
  let seconds: number;
  if (/^\d+$/.test(text)) seconds = Number(text);
  else {
    // An HTTP date always names GMT; Date.parse alone would also read "-5" as a year.
    const at = text.endsWith('GMT') ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(at)) return undefined;
    seconds = Math.max(0, Math.ceil((at - now) / 1000));
  }
  return Math.min(seconds, 3600);
}

/** The body parsed as a JSON object, or `undefined`. */
export function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
