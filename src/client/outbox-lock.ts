/**
 * Makes one tab of the site, not every tab, send the queued messages when the browser comes back
 * online (a queued message is sent once, not once per tab). Web Locks where they exist
 * (secure contexts in current browsers); else a lease in `localStorage` with an owner and an
 * expiry, renewed while sending and taken over once a crashed tab lets it lapse; else this tab
 * alone.
 */
import { openStorage, type SafeStorage } from './storage.ts';

/** The part of `navigator.locks` used here. */
export interface LockRequester {
  /** Runs `callback` with the lock, or with `null` at once when another holder has it. */
  request(
    name: string,
    options: { ifAvailable: true },
    callback: (lock: Lock | null) => Promise<unknown>,
  ): Promise<unknown>;
}

/** What {@link runExclusive} needs from the browser; tests pass fakes. */
export interface ExclusiveDeps {
  /** Web Locks; defaults to `navigator.locks`. Pass `undefined` to act as a browser without. */
  locks?: LockRequester | undefined;
  /** Where the fallback lease lives; only a `local` store is shared. Pass the widget's store. */
  storage?: SafeStorage;
  /** This tab's id in the lease; defaults to one random id per page. */
  tabId?: string;
  /** The clock, in ms since the epoch. */
  now?: () => number;
  /** Waits `ms`, so a claim another tab wrote at the same moment lands before we check. */
  sleep?: (ms: number) => Promise<void>;
  /** Calls `fn` every `ms` until the returned function is called. */
  every?: (ms: number, fn: () => void) => () => void;
  /** How long a lease lasts without renewal. @default 15000 */
  leaseMs?: number;
}

/** Who may send, until when; stored as JSON under `chatlet:lock:<name>`. */
interface Lease {
  owner: string;
  expires: number;
}

const PAGE_TAB_ID = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
/** Locks this page holds, by tab and name, so one tab never runs the same job twice at once. */
const held = new Set<string>();

/** The stored lease, or `undefined` when there is none or it is not ours to read. */
function readLease(storage: SafeStorage, key: string): Lease | undefined {
  try {
    const value = JSON.parse(storage.get(key) ?? 'null') as Partial<Lease> | null;
    return typeof value?.owner === 'string' && typeof value.expires === 'number'
      ? { owner: value.owner, expires: value.expires }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `fn` if no other tab is running a job of the same `name`, and resolves to its result;
 * resolves to `undefined` without calling `fn` when another tab (or this one) already holds it.
 * `fn`'s own errors reject the promise; the lock is released either way. Under the lease fallback
 * `signal` aborts if the lease is lost (this tab stalled past the expiry and another took over):
 * stop before the next message then. A lease is only best effort across processes, which is why
 * every retry reuses the message's `client_message_id`.
 */
export async function runExclusive<T>(
  name: string,
  fn: (signal: AbortSignal) => Promise<T>,
  deps: ExclusiveDeps = {},
): Promise<T | undefined> {
  const tabId = deps.tabId ?? PAGE_TAB_ID;
  const mine = `${tabId}\u0000${name}`;
  if (held.has(mine)) return undefined;
  held.add(mine);
  try {
    const locks =
      'locks' in deps ? deps.locks : typeof navigator === 'undefined' ? undefined : navigator.locks;
    if (locks !== undefined) {
      let started = false;
      try {
        return (await locks.request(name, { ifAvailable: true }, async (lock) => {
          if (lock === null) return undefined;
          started = true;
          return await fn(new AbortController().signal);
        })) as T | undefined;
      } catch (error) {
        if (started) throw error;
        // Web Locks refused before granting (a document that is not fully active): use the lease.
      }
    }
    const storage = deps.storage ?? openStorage();
    if (storage.kind !== 'local') return await fn(new AbortController().signal);
    return await withLease(`chatlet:lock:${name}`, tabId, storage, fn, deps);
  } finally {
    held.delete(mine);
  }
}

/** Runs `fn` under a lease in shared storage; resolves to `undefined` when another tab holds it. */
async function withLease<T>(
  key: string,
  tabId: string,
  storage: SafeStorage,
  fn: (signal: AbortSignal) => Promise<T>,
  deps: ExclusiveDeps,
): Promise<T | undefined> {
  const now = deps.now ?? Date.now;
  const leaseMs = deps.leaseMs ?? 15_000;
  const sleep = deps.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const every =
    deps.every ??
    ((ms, tick) => {
      const id = setInterval(tick, ms);
      return () => clearInterval(id);
    });
  const takenByOther = (): boolean => {
    const lease = readLease(storage, key);
    return lease !== undefined && lease.owner !== tabId && lease.expires > now();
  };
  const claim = (): boolean =>
    storage.set(key, JSON.stringify({ owner: tabId, expires: now() + leaseMs }));

  if (takenByOther()) return undefined;
  // A claim the browser refused is invisible to other tabs; sending alone beats never sending.
  if (claim()) {
    // Two tabs may both have seen the lease free; the last write wins, the other backs off.
    await sleep(50);
    if (readLease(storage, key)?.owner !== tabId) return undefined;
  }
  const lost = new AbortController();
  // Renew well before expiry; background tabs run timers late (Chrome: at most once a second).
  const stop = every(Math.floor(leaseMs / 3), () => {
    if (lost.signal.aborted) return;
    if (takenByOther()) lost.abort();
    else claim();
  });
  try {
    return await fn(lost.signal);
  } finally {
    stop();
    if (readLease(storage, key)?.owner === tabId) storage.remove(key);
  }
}
