import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStorage } from '../../src/client/storage.ts';
import { FakeStorage } from './fake-storage.ts';

const blockedGetter = (): Storage => {
  throw new DOMException('The operation is insecure.', 'SecurityError');
};

describe('openStorage', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('uses localStorage when it works, and leaves no probe key behind', () => {
    const local = new FakeStorage();
    const warn = vi.fn<(message: string) => void>();
    const storage = openStorage({ localStorage: () => local, warn });

    expect(storage.kind).toBe('local');
    expect(storage.set('a', '1')).toBe(true);
    expect(local.getItem('a')).toBe('1');
    expect(storage.get('a')).toBe('1');
    storage.remove('a');
    expect([...local.items.keys()]).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('falls back to sessionStorage when merely reading localStorage throws', () => {
    const session = new FakeStorage();
    const warn = vi.fn<(message: string) => void>();
    const storage = openStorage({
      localStorage: blockedGetter,
      sessionStorage: () => session,
      warn,
    });

    expect(storage.kind).toBe('session');
    storage.set('a', '1');
    expect(session.getItem('a')).toBe('1');
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]?.[0]).toMatch(/localStorage is blocked.*sessionStorage/);
  });

  it('falls back to sessionStorage when localStorage refuses every write', () => {
    const local = new FakeStorage();
    local.quota = 0;
    const storage = openStorage({
      localStorage: () => local,
      sessionStorage: () => new FakeStorage(),
      warn: vi.fn<(message: string) => void>(),
    });

    expect(storage.kind).toBe('session');
  });

  it('keeps values in memory when both stores are blocked, and still works', () => {
    const local = new FakeStorage();
    local.blocked = true;
    const warn = vi.fn<(message: string) => void>();
    const storage = openStorage({ localStorage: () => local, sessionStorage: blockedGetter, warn });

    expect(storage.kind).toBe('memory');
    expect(storage.get('a')).toBeNull();
    expect(storage.set('a', '1')).toBe(true);
    expect(storage.get('a')).toBe('1');
    storage.remove('a');
    expect(storage.get('a')).toBeNull();
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]?.[0]).toMatch(/kept in memory and is lost on reload/);
  });

  it('reports a full quota with false but keeps the value for this page', () => {
    const local = new FakeStorage();
    const warn = vi.fn<(message: string) => void>();
    const storage = openStorage({ localStorage: () => local, warn });
    local.quota = 10;

    expect(storage.set('big', 'x'.repeat(20))).toBe(false);
    expect(local.getItem('big')).toBeNull();
    expect(storage.get('big')).toBe('x'.repeat(20));
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]?.[0]).toMatch(/QuotaExceededError/);
  });

  it('writes through again once there is room, dropping the memory copy', () => {
    const local = new FakeStorage();
    const storage = openStorage({
      localStorage: () => local,
      warn: vi.fn<(message: string) => void>(),
    });
    local.quota = 10;
    storage.set('k', 'x'.repeat(20));
    local.quota = Number.POSITIVE_INFINITY;

    expect(storage.set('k', 'fits')).toBe(true);
    expect(local.getItem('k')).toBe('fits');
    local.setItem('k', 'from another tab');
    expect(storage.get('k')).toBe('from another tab');
  });

  it('never throws when storage turns hostile after opening', () => {
    const local = new FakeStorage();
    const storage = openStorage({
      localStorage: () => local,
      warn: vi.fn<(message: string) => void>(),
    });
    local.blocked = true;

    expect(storage.get('a')).toBeNull();
    expect(storage.set('a', '1')).toBe(false);
    expect(storage.get('a')).toBe('1');
    expect(() => storage.remove('a')).not.toThrow();
    expect(storage.get('a')).toBeNull();
  });

  it('warns once per store, however many writes overflow', () => {
    const session = new FakeStorage();
    const warn = vi.fn<(message: string) => void>();
    const storage = openStorage({
      localStorage: blockedGetter,
      sessionStorage: () => session,
      warn,
    });
    session.quota = 0;

    for (let i = 0; i < 5; i += 1) storage.set(`k${i}`, 'value');
    storage.get('k1');

    expect(warn).toHaveBeenCalledOnce();
  });

  it('writes one console warning per page, however many stores degrade', async () => {
    vi.resetModules();
    const fresh = await import('../../src/client/storage.ts');
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => {});

    const first = fresh.openStorage({ localStorage: blockedGetter, sessionStorage: blockedGetter });
    const local = new FakeStorage();
    const second = fresh.openStorage({ localStorage: () => local });
    local.quota = 0;
    second.set('k', 'v');
    first.set('k', 'v');

    expect(first.kind).toBe('memory');
    expect(consoleWarn).toHaveBeenCalledOnce();
  });

  it('falls back to memory outside a browser, where there is no window', () => {
    const storage = openStorage({ warn: vi.fn<(message: string) => void>() });

    expect(storage.kind).toBe('memory');
  });
});
