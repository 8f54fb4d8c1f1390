/**
 * An in-memory `Storage` for tests that can misbehave like real browsers: refuse access, or hold
 * only `quota` characters and throw a QuotaExceededError beyond that.
 */
export class FakeStorage implements Storage {
  readonly items = new Map<string, string>();
  /** Most characters (keys + values) it holds; `Infinity` for no limit. */
  quota = Number.POSITIVE_INFINITY;
  /** Every access throws a SecurityError, as with cookies blocked. */
  blocked = false;

  get length(): number {
    this.guard();
    return this.items.size;
  }

  clear(): void {
    this.guard();
    this.items.clear();
  }

  getItem(key: string): string | null {
    this.guard();
    return this.items.get(key) ?? null;
  }

  key(index: number): string | null {
    this.guard();
    return [...this.items.keys()][index] ?? null;
  }

  removeItem(key: string): void {
    this.guard();
    this.items.delete(key);
  }

  setItem(key: string, value: string): void {
    this.guard();
    let used = key.length + value.length;
    for (const [k, v] of this.items) if (k !== key) used += k.length + v.length;
    if (used > this.quota) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    this.items.set(key, value);
  }

  private guard(): void {
    if (this.blocked)
      throw new DOMException('Access is denied for this document.', 'SecurityError');
  }
}
