import { HttpError } from './http-error.ts';

/** What the `Origin` header of a request says about who may read the answer. */
export type OriginCheck =
  /** No `Origin`: not a cross-origin browser request (curl, a server, a same-origin GET). */
  | { kind: 'none' }
  /** A browser page of an allowed origin, or of the proxy's own origin. */
  | { kind: 'allowed'; origin: string }
  /** A browser page of any other origin. */
  | { kind: 'refused'; origin: string };

/**
 * Judges the request's `Origin`. The proxy's own origin is always allowed (`npm start` serves the
 * demo page and the proxy together); others only when listed. Requests without `Origin` are allowed:
 * CORS protects browsers, a non-browser client can send any header it likes anyway, and the abuse
 * limits apply to it all the same.
 */
export function checkRequestOrigin(
  request: Request,
  url: URL,
  allowed: ReadonlySet<string>,
): OriginCheck {
  const origin = request.headers.get('origin');
  if (origin === null) return { kind: 'none' };
  if (origin === url.origin || allowed.has(origin)) return { kind: 'allowed', origin };
  return { kind: 'refused', origin };
}

/** Refuses a browser page of a foreign origin, before any work is done for it. */
export function assertOriginAllowed(check: OriginCheck): void {
  if (check.kind === 'refused') {
    throw new HttpError(
      403,
      'forbidden_origin',
      'This page is not allowed to use the chat proxy; the site owner can add its origin to CHATLET_ALLOWED_ORIGINS.',
    );
  }
}

/** Headers that let an allowed page read the chat route's answer (also its errors). */
export function corsHeaders(check: OriginCheck): Record<string, string> {
  if (check.kind !== 'allowed') return {};
  return {
    'access-control-allow-origin': check.origin,
    'access-control-expose-headers': 'Retry-After, X-Request-Id',
  };
}

/** The answer to an allowed preflight of the chat route. */
export function preflightResponse(check: OriginCheck): Response {
  const headers = new Headers(corsHeaders(check));
  if (check.kind === 'allowed') {
    headers.set('access-control-allow-methods', 'POST, OPTIONS');
    headers.set('access-control-allow-headers', 'Content-Type');
    headers.set('access-control-max-age', '600');
  }
  return new Response(null, { status: 204, headers });
}
