import type { DurableObjectState, DurableObjectStorage } from './bindings.ts';
import {
  bucketExpiry,
  reserveStart,
  takeToken,
  windowExpiry,
  type Bucket,
  type StartWindow,
} from './state-steps.ts';
import { storedValues, type Entry, type StoredValues } from './stored-values.ts';

/** One call to a {@link ChatletState} object: the operations of the proxy's shared state. */
export type StateCall =
  | { op: 'get'; key: string }
  | { op: 'set'; key: string; value: string; ttlMs: number }
  | { op: 'add'; key: string; value: string; ttlMs: number }
  | { op: 'deleteIfValue'; key: string; value: string }
  | { op: 'take'; key: string; perMinute: number }
  | { op: 'reserve'; key: string; limit: number; windowMs: number }
  | { op: 'block'; key: string; ms: number };

/**
 * The Durable Object holding the proxy's shared state on Cloudflare Workers (binding
 * `CHATLET_STATE`). The proxy names one object per conversation, per client IP and per upstream
 * token (`./object-names.ts`), so no single object carries the whole site.
 *
 * Why each call is atomic: an object runs one request at a time and its storage's input gate holds
 * back other requests while a storage read is pending ("Rules of Durable Objects",
 * https://developers.cloudflare.com/durable-objects/best-practices/rules-of-durable-objects/), so
 * the read, decision and write of one call never interleave with another's. Its clock is the one
 * clock all isolates' calls are judged by. Entries live in durable storage, so an object evicted
 * from memory still answers a late retry; an alarm deletes what has expired.
 */
export class ChatletState {
  readonly #storage: DurableObjectStorage;
  readonly #values: StoredValues;

  /** Called by the runtime; `env` is not needed. */
  constructor(state: DurableObjectState, _env?: unknown) {
    this.#storage = state.storage;
    this.#values = storedValues(state.storage);
  }

  /** Answers one {@link StateCall} posted as JSON with `{ result }` as JSON. */
  async fetch(request: Request): Promise<Response> {
    const call = (await request.json()) as StateCall;
    return Response.json({ result: await this.#run(call, Date.now()) });
  }

  /** Deletes expired entries and wakes again for the latest one still kept. */
  async alarm(): Promise<void> {
    const at = Date.now();
    const expired: string[] = [];
    let latest = 0;
    for (const [key, entry] of await this.#storage.list<Entry<unknown>>()) {
      if (entry.expiresAt <= at) expired.push(key);
      else latest = Math.max(latest, entry.expiresAt);
    }
    if (expired.length > 0) await this.#storage.delete(expired);
    if (latest > 0) await this.#storage.setAlarm(latest);
  }

  async #run(call: StateCall, at: number): Promise<unknown> {
    const values = this.#values;
    switch (call.op) {
      case 'get':
        return (await values.readString(`kv:${call.key}`, at)) ?? null;
      case 'set':
        await values.write(`kv:${call.key}`, call.value, at + call.ttlMs);
        return null;
      case 'add':
        if ((await values.entry(`kv:${call.key}`, at)) !== undefined) return false;
        await values.write(`kv:${call.key}`, call.value, at + call.ttlMs);
        return true;
      case 'deleteIfValue':
        if ((await values.readString(`kv:${call.key}`, at)) !== call.value) return false;
        await values.remove(`kv:${call.key}`);
        return true;
      case 'take': {
        const stored = await values.entry<Bucket>(`rl:${call.key}`, at);
        const { bucket, decision } = takeToken(stored?.data, at, call.perMinute);
        await values.write(`rl:${call.key}`, bucket, bucketExpiry(bucket, call.perMinute));
        return decision;
      }
      case 'reserve': {
        const stored = await values.entry<StartWindow>(`win:${call.key}`, at);
        const { window, reservation } = reserveStart(stored?.data, at, call.limit, call.windowMs);
        await values.write(`win:${call.key}`, window, windowExpiry(window, call.windowMs));
        return reservation;
      }
      case 'block': {
        const stored = await values.entry<StartWindow>(`win:${call.key}`, at);
        const window = stored?.data ?? { starts: [], blockedUntil: 0 };
        const blockedUntil = Math.max(window.blockedUntil, at + call.ms);
        const expiresAt = Math.max(stored?.expiresAt ?? 0, blockedUntil);
        await values.write(`win:${call.key}`, { ...window, blockedUntil }, expiresAt);
        return null;
      }
    }
  }
}
