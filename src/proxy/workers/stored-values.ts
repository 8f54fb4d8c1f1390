import type { DurableObjectStorage } from './bindings.ts';

/** What every stored entry carries: its data and when it may be forgotten. */
export interface Entry<T> {
  data: T;
  expiresAt: number;
}

/**
 * Characters per stored part of a long value. Durable Object storage refuses values over 128 KiB
 * (https://developers.cloudflare.com/durable-objects/platform/limits/); a string is serialised
 * with at most two bytes per UTF-16 unit, so 32,000 of them stay well under it.
 */
const PART_CHARS = 32_000;

/** The key-value entries of one object: a string value is split into parts when it is long. */
export interface StoredValues {
  /** The live entry under `key`, or `undefined`. */
  entry<T>(key: string, at: number): Promise<Entry<T> | undefined>;
  /** The string stored under `key` (reassembled from its parts), or `undefined`. */
  readString(key: string, at: number): Promise<string | undefined>;
  /** Stores `data` under `key` until `expiresAt`; a long string goes into parts. */
  write(key: string, data: unknown, expiresAt: number): Promise<void>;
  /** Deletes `key` and its parts. */
  remove(key: string): Promise<void>;
}

/** Stored shape of a split string: how many parts follow under `key#0`, `key#1`, …. */
interface Parts {
  parts: number;
}

/** Entries over one object's storage, keeping its alarm at the latest expiry so it can clean up. */
export function storedValues(storage: DurableObjectStorage): StoredValues {
  const entry = async <T>(key: string, at: number): Promise<Entry<T> | undefined> => {
    const found = await storage.get<Entry<T>>(key);
    return found === undefined || found.expiresAt <= at ? undefined : found;
  };
  const partKeys = (key: string, parts: number): string[] =>
    Array.from({ length: parts }, (_, i) => `${key}#${i}`);

  return {
    entry,
    async readString(key, at) {
      const found = await entry<string | Parts>(key, at);
      if (found === undefined) return undefined;
      if (typeof found.data === 'string') return found.data;
      const parts = await storage.get<Entry<string>>(partKeys(key, found.data.parts));
      return partKeys(key, found.data.parts)
        .map((part) => parts.get(part)?.data ?? '')
        .join('');
    },
    async write(key, data, expiresAt) {
      await this.remove(key);
      const entries: Record<string, Entry<unknown>> = {};
      if (typeof data === 'string' && data.length > PART_CHARS) {
        const count = Math.ceil(data.length / PART_CHARS);
        entries[key] = { data: { parts: count } satisfies Parts, expiresAt };
        for (const [i, part] of partKeys(key, count).entries()) {
          entries[part] = { data: data.slice(i * PART_CHARS, (i + 1) * PART_CHARS), expiresAt };
        }
      } else {
        entries[key] = { data, expiresAt };
      }
      // One put of several keys is one atomic write.
      await storage.put(entries);
      const alarm = await storage.getAlarm();
      if (alarm === null || alarm < expiresAt) await storage.setAlarm(expiresAt);
    },
    async remove(key) {
      const found = await storage.get<Entry<unknown>>(key);
      const data = found?.data as Partial<Parts> | undefined;
      const parts = typeof data?.parts === 'number' ? partKeys(key, data.parts) : [];
      await storage.delete([key, ...parts]);
    },
  };
}
