/**
 * Browser storage that never throws, in the place the site owner chose (`storage` option): `local`
 * (else session, else memory), `session` (else memory) or `memory`. Every access is guarded because
 * Chrome with cookies blocked throws a SecurityError on merely reading `window.localStorage`,
 * Safari's private mode used to allow reads but refuse every write, and any origin can hit its
 * quota (QuotaExceededError). Opening a store only reads: nothing is written before the widget has
 * something of the visitor's to keep (README, "Privacy and consent").
 */
import type { StorageMode } from '../core/options.ts';

/** A string key-value store that never throws, whatever the browser does. */
export interface SafeStorage {
  /** Which store backs it; only `local` survives a reload and is shared with other tabs. */
  readonly kind: StorageMode;
  /** The name of the error of the last write the browser refused (`QuotaExceededError`), if any. */
  readonly refusal: string | undefined;
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
  /** The store the site owner chose. @default "local" */
  mode?: StorageMode;
  /** Returns `window.localStorage`; may throw, as reading the property itself can. */
  localStorage?: () => Storage;
  /** Returns `window.sessionStorage`; may throw. */
  sessionStorage?: () => Storage;
  /** Reports a store weaker than the chosen one, once; defaults to one `console.warn` per page. */
  warn?: (message: string) => void;
}

let pageWarned = false;

/** One console warning per page, however many widgets or stores degrade. */
function warnOncePerPage(message: string): void {
  if (pageWarned) return;
  pageWarned = true;
  console.warn(message);
}

/**
 * The store `get` returns when it can be read; else `undefined`. Reading only: a test write would
 * leave a trace on a visit where the visitor never chatted, and browsers that refuse writes to a
 * readable store (full quota, old Safari private mode) are handled where a write is refused.
 */
function probe(get: (() => Storage) | undefined): Storage | undefined {
  if (get === undefined) return undefined;
  try {
    const store = get();
    store.getItem('chatlet:probe');
    return store;
  } catch {
    return undefined;
  }
}

const WEAKER = {
  session:
    'Chatlet: localStorage is blocked, so the conversation is kept in sessionStorage and is not shared between tabs.',
  memory:
    'Chatlet: browser storage is blocked, so the conversation is kept in memory and is lost on reload.',
} as const;

/** Opens the chosen store, or the next weaker one the browser allows. Never throws. */
export function openStorage(scope: StorageScope = {}): SafeStorage {
  const mode = scope.mode ?? 'local';
  const local =
    mode === 'local' ? probe(scope.localStorage ?? (() => window.localStorage)) : undefined;
  const session =
    local || mode === 'memory'
      ? undefined
      : probe(scope.sessionStorage ?? (() => window.sessionStorage));
  const store = local ?? session;
  const kind = local ? 'local' : session ? 'session' : 'memory';
  if (kind !== mode) (scope.warn ?? warnOncePerPage)(WEAKER[kind as 'session' | 'memory']);

  // Values the browser refused to store; they shadow the store so this page still sees its writes.
  const memory = new Map<string, string>();
  let refusal: string | undefined;

  return {
    kind,
    get refusal() {
      return refusal;
    },
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
        refusal = error instanceof Error ? error.name : 'Error';
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
