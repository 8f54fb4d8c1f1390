import type { Answer } from './answer.ts';
import { HttpError } from './http-error.ts';
import type { ProxyRequest } from './proxy-request.ts';

/** What the `Origin` header of a request says about who may read the answer. */
export type OriginCheck =
  /** No `Origin`: not a cross-origin browser request (curl, a server, a same-origin GET). */
  | { kind: 'none' }
  /** A browser page of an allowed origin, or of the configured public origin. */
  | { kind: 'allowed'; origin: string }
  /** A browser page of any other origin. */
  | { kind: 'refused'; origin: string };

/**
 * Judges the request's `Origin` against the configured origins only. The origin of the `Host`
 * header is not among them: a DNS-rebinding page sends `Host` and `Origin` of its own choosing, and
 * in a framework route `request.url` may name another spelling of the host than the page used.
 * Requests without `Origin` are allowed: CORS protects browsers, a non-browser client can send any
 * header it likes anyway, and the abuse limits apply to it all the same.
 */
export function checkRequestOrigin(
  request: ProxyRequest,
  allowed: ReadonlySet<string>,
  publicOrigin: string | undefined,
): OriginCheck {
  const origin = request.headers.get('origin');
  if (origin === null) return { kind: 'none' };
  if (origin === publicOrigin || allowed.has(origin)) return { kind: 'allowed', origin };
  return { kind: 'refused', origin };
}

/** Longest origin repeated in an answer or a log line; a real one is far shorter. */
const MAX_SHOWN = 200;

/** The origin as shown to people: cut to a sane length. */
export function shownOrigin(origin: string): string {
  return origin.length > MAX_SHOWN ? `${origin.slice(0, MAX_SHOWN)}…` : origin;
}

/**
 * Refuses a browser page of a foreign origin, before any work is done for it. The sentence names
 * the origin and the setting, so the page's console and the site owner can tell what to change.
 */
export function assertOriginAllowed(check: OriginCheck): void {
  if (check.kind === 'refused') {
    throw new HttpError(
      403,
      'forbidden_origin',
      `This chat proxy does not accept pages from ${shownOrigin(check.origin)}: the site owner can add that origin to CHATLET_ALLOWED_ORIGINS.`,
    );
  }
}

/**
 * Headers that let the page read the chat route's answer (also its errors). A refused origin gets
 * them too: its answer is only the 403 sentence, and a page that cannot read it shows "could not be
 * reached" with a generic CORS error instead of the reason.
 */
export function corsHeaders(check: OriginCheck): Record<string, string> {
  if (check.kind === 'none') return {};
  return {
    'access-control-allow-origin': check.origin,
    'access-control-expose-headers': 'Retry-After, X-Request-Id',
  };
}

/**
 * The answer to a preflight of the chat route. A refused origin's preflight passes as well, so its
 * browser sends the message and reads the 403; that request costs no upstream call.
 */
export function preflightAnswer(check: OriginCheck): Answer {
  const headers = corsHeaders(check);
  if (check.kind !== 'none') {
    headers['access-control-allow-methods'] = 'POST, OPTIONS';
    headers['access-control-allow-headers'] = 'Content-Type';
    headers['access-control-max-age'] = '600';
  }
  return { status: 204, headers, body: null };
}
