/** 2^48: the last group of a UUID holds 12 hex digits. */
const LAST_GROUP = 2 ** 48;

/**
 * Request ids in a UUID's spelling (what `X-Request-Id` and the log lines carry): one random UUID
 * per handler, whose last group then counts up. Unique per request and per process without
 * a random UUID per request, which on Node 20 is ~0.5 µs and ~550 B of garbage (its hex is built
 * byte by byte); a request id needs to be unique, not unguessable.
 */
export function createRequestIds(): () => string {
  const first = crypto.randomUUID();
  const prefix = first.slice(0, 24);
  let count = Number.parseInt(first.slice(24), 16);
  return () => {
    count = (count + 1) % LAST_GROUP;
    return prefix + count.toString(16).padStart(12, '0');
  };
}
