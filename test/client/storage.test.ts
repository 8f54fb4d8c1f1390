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

  it('opens by reading only: a visit where nobody chats leaves no trace', () => {
    const local = new FakeStorage();
    const session = new FakeStorage();
    const writes = vi.spyOn(local, 'setItem');
    const sessionWrites = vi.spyOn(session, 'setItem');
    const storage = openStorage({
      localStorage: () => local,
      sessionStorage: () => session,
      warn: vi.fn<(message: string) => void>(),
    });

    expect(storage.get('chatlet:v1:x')).toBeNull();
    expect(writes).not.toHaveBeenCalled();
    expect(sessionWrites).not.toHaveBeenCalled();
    expect([...local.items.keys(), ...session.items.keys()]).toEqual([]);
  });

  it('treats a localStorage that refuses every write as full, not as blocked', () => {
    const local = new FakeStorage();
    local.quota = 0;
    const storage = openStorage({
      localStorage: () => local,
      sessionStorage: () => new FakeStorage(),
      warn: vi.fn<(message: string) => void>(),
    });

    expect(storage.kind).toBe('local');
    expect(storage.set('a', '1')).toBe(false);
    expect(storage.refusal).toBe('QuotaExceededError');
    expect(storage.get('a')).toBe('1');
  });

  it('uses sessionStorage when the site chose it, without touching localStorage or warning', () => {
    const local = new FakeStorage();
    const session = new FakeStorage();
    const localRead = vi.spyOn(local, 'getItem');
    const warn = vi.fn<(message: string) => void>();
    const storage = openStorage({
      mode: 'session',
      localStorage: () => local,
      sessionStorage: () => session,
      warn,
    });

    expect(storage.kind).toBe('session');
    storage.set('a', '1');
    expect(session.getItem('a')).toBe('1');
    expect(localRead).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  it('falls back from a chosen sessionStorage to memory, with one warning', () => {
    const warn = vi.fn<(message: string) => void>();
    const storage = openStorage({
      mode: 'session',
      localStorage: () => new FakeStorage(),
      sessionStorage: blockedGetter,
      warn,
    });

    expect(storage.kind).toBe('memory');
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]?.[0]).toMatch(/kept in memory/);
  });

  it('keeps everything in memory when the site chose memory: no browser store is even read', () => {
    const local = new FakeStorage();
    const session = new FakeStorage();
    const reads = [vi.spyOn(local, 'getItem'), vi.spyOn(session, 'getItem')];
    const warn = vi.fn<(message: string) => void>();
    const storage = openStorage({
      mode: 'memory',
      localStorage: () => local,
      sessionStorage: () => session,
      warn,
    });

    expect(storage.kind).toBe('memory');
    expect(storage.set('a', '1')).toBe(true);
    expect(storage.get('a')).toBe('1');
    for (const read of reads) expect(read).not.toHaveBeenCalled();
    expect([...local.items.keys(), ...session.items.keys()]).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
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

  it('reports a full quota with false and names it, but keeps the value for this page', () => {
    const local = new FakeStorage();
    const warn = vi.fn<(message: string) => void>();
    const storage = openStorage({ localStorage: () => local, warn });
    local.quota = 10;

    expect(storage.refusal).toBeUndefined();
    expect(storage.set('big', 'x'.repeat(20))).toBe(false);
    expect(local.getItem('big')).toBeNull();
    expect(storage.get('big')).toBe('x'.repeat(20));
    expect(storage.refusal).toBe('QuotaExceededError');
    // The conversation store says what a refusal means for the conversation; not this layer.
    expect(warn).not.toHaveBeenCalled();
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

  it('warns once about the weaker store; overflowing writes add no warning of their own', () => {
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
    const second = fresh.openStorage({
      localStorage: blockedGetter,
      sessionStorage: () => new FakeStorage(),
    });
    first.set('k', 'v');

    expect(first.kind).toBe('memory');
    expect(second.kind).toBe('session');
    expect(consoleWarn).toHaveBeenCalledOnce();
  });

  it('falls back to memory outside a browser, where there is no window', () => {
    const storage = openStorage({ warn: vi.fn<(message: string) => void>() });

    expect(storage.kind).toBe('memory');
  });
});
