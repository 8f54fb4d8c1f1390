import type { CallDeadline } from '../call-deadline.ts';
import type { UpstreamPost, UpstreamResponse, UpstreamTransport } from '../upstream-transport.ts';

export type { UpstreamResponse } from '../upstream-transport.ts';

/**
 * POSTs `body` as JSON over `transport` (which follows no redirect and maps failures to
 * {@link UpstreamError}s named after `label`, without the URL's secrets or the body), until the
 * deadline of `abort`: a turn, or anything with a signal.
 */
export function postJson(
  transport: UpstreamTransport,
  url: string,
  request: { headers: Record<string, string>; body: unknown; label: string },
  abort: AbortSource,
): Promise<UpstreamResponse> {
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json',
    ...request.headers,
  };
  const body = JSON.stringify(request.body);
  const { label } = request;
  // The deadline is read first: a turn's signal is made only if the transport reads it.
  const { deadline } = abort;
  if (deadline === undefined) return transport(url, { headers, body, signal: abort.signal, label });
  return transport(url, new DeadlinePost(headers, body, label, deadline));
}

/** What tells a call its deadline: an {@link UpstreamTurn}, or just a signal. */
export interface AbortSource {
  readonly signal: AbortSignal;
  readonly deadline?: CallDeadline | undefined;
}

/**
 * A post whose signal is made only when the transport reads it (call-deadline.ts); a class, since
 * V8 builds an object literal with a getter at ~1 µs a call.
 */
class DeadlinePost implements UpstreamPost {
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly label: string;
  readonly deadline: CallDeadline;

  constructor(
    headers: Record<string, string>,
    body: string,
    label: string,
    deadline: CallDeadline,
  ) {
    this.headers = headers;
    this.body = body;
    this.label = label;
    this.deadline = deadline;
  }

  get signal(): AbortSignal {
    return this.deadline.signal;
  }
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
