/**
 * Browser storage that never throws: `localStorage`, else `sessionStorage`, else memory (
 * "Nothing lost, nothing doubled"). Every access is guarded because Chrome with cookies blocked
 * throws a SecurityError on merely reading `window.localStorage`, Safari's private mode used to
 * allow reads but refuse every write, and any origin can hit its quota (QuotaExceededError).
 */

/** A string key-value store that never throws, whatever the browser does. */
export interface SafeStorage {
  /** Which store backs it; only `local` survives a reload and is shared with other tabs. */
  readonly kind: 'local' | 'session' | 'memory';
  /** The value of `key`, or `null` when absent or unreadable. */
  get(key: string): string | null;
  /**
   * Stores `value`. Returns `false` when the browser refused the write (quota, blocked storage):
   * the value is then kept in memory, so this page still reads it back, but a reload loses it.
   * A `memory` store has nothing to refuse and always returns `true`.
   */
  set(key: string, value: string): boolean;
  /** Deletes `key`; a no-op when it is absent or storage refuses. */
  remove(key: string): void;
}

/** Where {@link openStorage} finds the browser's stores, and how it reports trouble. */
export interface StorageScope {
  /** Returns `window.localStorage`; may throw, as reading the property itself can. */
  localStorage?: () => Storage;
  /** Returns `window.sessionStorage`; may throw. */
  sessionStorage?: () => Storage;
  /** Reports a degraded store once; defaults to one `console.warn` per page. */
  warn?: (message: string) => void;
}

const PROBE_KEY = 'chatlet:probe';

let pageWarned = false;

/** One console warning per page, however many widgets or stores degrade. */
function warnOncePerPage(message: string): void {
  if (pageWarned) return;
  pageWarned = true;
  console.warn(message);
}

/** The store `get` returns when it can be written, read back and cleaned up; else `undefined`. */
function probe(get: (() => Storage) | undefined): Storage | undefined {
  if (get === undefined) return undefined;
  try {
    const store = get();
    store.setItem(PROBE_KEY, '1');
    const ok = store.getItem(PROBE_KEY) === '1';
    store.removeItem(PROBE_KEY);
    return ok ? store : undefined;
  } catch {
    return undefined;
  }
}

/** Opens the best store the browser allows: local, else session, else memory. Never throws. */
export function openStorage(scope: StorageScope = {}): SafeStorage {
  const warnOnce = scope.warn ?? warnOncePerPage;
  let warned = false;
  const warn = (message: string): void => {
    if (warned) return;
    warned = true;
    warnOnce(message);
  };

  const local = probe(scope.localStorage ?? (() => window.localStorage));
  const session = local ? undefined : probe(scope.sessionStorage ?? (() => window.sessionStorage));
  const store = local ?? session;
  const kind = local ? 'local' : session ? 'session' : 'memory';
  if (kind !== 'local') {
    warn(
      kind === 'session'
        ? 'Chatlet: localStorage is blocked, so the conversation is kept in sessionStorage and is not shared between tabs.'
        : 'Chatlet: browser storage is blocked, so the conversation is kept in memory and is lost on reload.',
    );
  }

  // Values the browser refused to store; they shadow the store so this page still sees its writes.
  const memory = new Map<string, string>();

  return {
    kind,
    get(key) {
      const kept = memory.get(key);
      if (kept !== undefined || store === undefined) return kept ?? null;
      try {
        return store.getItem(key);
      } catch {
        return null;
      }
    },
    set(key, value) {
      if (store === undefined) {
        memory.set(key, value);
        return true;
      }
      try {
        store.setItem(key, value);
        memory.delete(key);
        return true;
      } catch (error) {
        memory.set(key, value);
        const name = error instanceof Error ? error.name : 'an error';
        warn(
          `Chatlet: the browser refused to save the conversation (${name}), so part of it is kept in memory only and may be lost on reload.`,
        );
        return false;
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        store?.removeItem(key);
      } catch {
        // Storage that refuses a removal holds nothing this page can still lose.
      }
    },
  };
}
