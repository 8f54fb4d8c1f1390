/**
 * The few Cloudflare Workers binding types the proxy uses, written out here so the proxy compiles
 * without `@cloudflare/workers-types` (and its global `Request`/`Response` overrides). Shapes follow
 * https://developers.cloudflare.com/durable-objects/api/ and
 * https://developers.cloudflare.com/workers/runtime-apis/bindings/rate-limit/.
 */

/** A Durable Object namespace binding (`[[durable_objects.bindings]]` in wrangler.toml). */
export interface DurableObjectNamespace {
  /** The id of the one object with this name, the same in every location. */
  idFromName(name: string): DurableObjectId;
  /** A stub that forwards requests to that object, creating it on first use. */
  get(id: DurableObjectId): DurableObjectStub;
}

/** An opaque object id. */
export type DurableObjectId = object;

/** A stub of one object; `fetch` reaches its `fetch` method. */
export interface DurableObjectStub {
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

/** The part of a Durable Object's transactional storage the proxy uses. */
export interface DurableObjectStorage {
  get<T>(key: string): Promise<T | undefined>;
  get<T>(keys: string[]): Promise<Map<string, T>>;
  /** Writes several keys at once, atomically. */
  put(entries: Record<string, unknown>): Promise<void>;
  delete(key: string): Promise<boolean>;
  delete(keys: string[]): Promise<number>;
  list<T>(options?: { prefix?: string }): Promise<Map<string, T>>;
  getAlarm(): Promise<number | null>;
  setAlarm(at: number): Promise<void>;
}

/** What the runtime hands a Durable Object's constructor. */
export interface DurableObjectState {
  readonly storage: DurableObjectStorage;
}

/** A Rate Limiting binding (`[[ratelimits]]` in wrangler.toml): a per-location counter. */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** Whether a binding looks like a Durable Object namespace. */
export function isDurableObjectNamespace(value: unknown): value is DurableObjectNamespace {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<DurableObjectNamespace>).idFromName === 'function' &&
    typeof (value as Partial<DurableObjectNamespace>).get === 'function'
  );
}

/** Whether a binding looks like a Rate Limiting binding. */
export function isRateLimitBinding(value: unknown): value is RateLimitBinding {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<RateLimitBinding>).limit === 'function'
  );
}
