import type { Page } from '@playwright/test';

/**
 * Records every write any script of `page` attempts (Web Storage, cookies, IndexedDB, the Cache
 * API) as `store:key`, in `window.chatletTestWrites`: a write undone at once still counts as a trace.
 */
export async function recordWrites(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const writes: string[] = [];
    Object.defineProperty(window, 'chatletTestWrites', { value: writes });
    const which = (store: Storage): string => (store === localStorage ? 'local' : 'session');
    const { setItem, removeItem, clear } = Storage.prototype;
    Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
      writes.push(`${which(this)}:${key}`);
      setItem.call(this, key, value);
    };
    Storage.prototype.removeItem = function (this: Storage, key: string) {
      writes.push(`${which(this)}-remove:${key}`);
      removeItem.call(this, key);
    };
    Storage.prototype.clear = function (this: Storage) {
      writes.push(`${which(this)}-clear`);
      clear.call(this);
    };
    const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
    Object.defineProperty(Document.prototype, 'cookie', {
      get(this: Document) {
        return cookie?.get?.call(this) as string;
      },
      set(this: Document, value: string) {
        writes.push(`cookie:${value}`);
        cookie?.set?.call(this, value);
      },
    });
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
      writes.push(`indexedDB:${name}`);
      return open.call(this, name, version);
    };
    const openCache = CacheStorage.prototype.open;
    CacheStorage.prototype.open = function (this: CacheStorage, name: string) {
      writes.push(`caches:${name}`);
      return openCache.call(this, name);
    };
  });
}

/** Everything the page's origin holds in any browser storage a script can write. */
export async function traces(page: Page) {
  const inPage = await page.evaluate(async () => ({
    writes: [...((window as { chatletTestWrites?: string[] }).chatletTestWrites ?? [])],
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
    cookie: document.cookie,
    indexedDB: (await indexedDB.databases()).map((database) => database.name),
    caches: await caches.keys(),
  }));
  return { ...inPage, cookies: (await page.context().cookies()).map((cookie) => cookie.name) };
}

/** What {@link traces} finds on an origin nothing was written to. */
export const NO_TRACE = {
  writes: [],
  local: [],
  session: [],
  cookie: '',
  indexedDB: [],
  caches: [],
  cookies: [],
};
