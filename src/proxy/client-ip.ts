/** What a runtime adapter knows about the connection that a `Request` cannot carry. */
export interface ProxyContext {
  /** The peer address of the connection (Node: the socket's remote address). */
  clientIp?: string;
}

/**
 * The client IP the abuse limits count against. `X-Forwarded-For` is trusted only when configured,
 * and then only its last entry: the one our own reverse proxy appended; earlier ones are whatever
 * the client claimed. Without any address all such requests share one bucket.
 */
export function clientIpOf(request: Request, context: ProxyContext, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for');
    const last = forwarded
      ?.split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
      .at(-1);
    if (last !== undefined) return last;
  }
  return context.clientIp ?? 'unknown';
}
