import type { ProxyRequest } from './proxy-request.ts';

/** What a runtime adapter knows about the connection that a `Request` cannot carry. */
export interface ProxyContext {
  /** The peer address of the connection (Node: the socket's remote address). */
  clientIp?: string;
  /**
   * Keeps the runtime alive for work that outlives the response (Workers: `ctx.waitUntil`): an
   * upstream attempt that runs on past its request's 504, so that a retry gets its answer.
   * Node needs none: the process runs on.
   */
  waitUntil?: (work: Promise<unknown>) => void;
}

/**
 * The client IP the abuse limits count against. `X-Forwarded-For` is trusted only when configured,
 * and then only its last entry: the one our own reverse proxy appended; earlier ones are whatever
 * the client claimed. Without any address all such requests share one bucket.
 */
export function clientIpOf(
  request: ProxyRequest,
  context: ProxyContext,
  trustProxy: boolean,
): string {
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

/**
 * The key an address is rate-limited under. An IPv6 client usually holds a whole /64, so counting
 * single addresses would let it rotate through 2^64 fresh buckets; IPv4 (also IPv4-mapped IPv6)
 * counts per address.
 */
export function ipBucketOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = (ip.toLowerCase().split('%')[0] ?? '').split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
