import { describe, expect, it, vi } from 'vitest';
import {
  runExclusive,
  type ExclusiveDeps,
  type LockRequester,
} from '../../src/client/outbox-lock.ts';
import { openStorage, type SafeStorage } from '../../src/client/storage.ts';
import { FakeStorage } from './fake-storage.ts';

/** Web Locks shared by every tab of one origin, granting `ifAvailable` requests only when free. */
function fakeLocks(): LockRequester & { held: Set<string> } {
  const held = new Set<string>();
  return {
    held,
    async request(name, _options, callback) {
      if (held.has(name)) return callback(null);
      held.add(name);
      try {
        return await callback({ name, mode: 'exclusive' } as Lock);
      } finally {
        held.delete(name);
      }
    },
  };
}

/** A job that runs until the test lets it finish. */
function pendingJob<T>(value: T) {
  let finish = (): void => {};
  const started = vi.fn<(signal: AbortSignal) => void>();
  const fn = (signal: AbortSignal) =>
    new Promise<T>((resolve) => {
      started(signal);
      finish = () => resolve(value);
    });
  return { fn, started, finish: () => finish() };
}

/** Lets every already-resolved step run, so a job past its lease checks has started. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

/** Tabs sharing one localStorage, one clock and one set of renewal timers. */
function fakeOrigin() {
  const shared = new FakeStorage();
  let time = 1_000_000;
  const timers = new Set<() => void>();
  const tab = (tabId: string, storage?: SafeStorage): ExclusiveDeps => ({
    locks: undefined,
    storage: storage ?? openStorage({ localStorage: () => shared, warn: () => {} }),
    tabId,
    now: () => time,
    sleep: async () => {},
    every: (_ms, tick) => {
      timers.add(tick);
      return () => timers.delete(tick);
    },
    leaseMs: 15_000,
  });
  const advance = (ms: number) => {
    time += ms;
    for (const tick of timers) tick();
  };
  return { shared, tab, timers, advance, now: () => time };
}

describe('runExclusive with Web Locks', () => {
  it('lets only one of two tabs send the outbox', async () => {
    const locks = fakeLocks();
    const job = pendingJob('sent');
    const other = vi.fn<() => Promise<string>>(async () => 'sent twice');

    const first = runExclusive('outbox', job.fn, { locks, tabId: 'a' });
    await Promise.resolve();
    const second = await runExclusive('outbox', other, { locks, tabId: 'b' });
    job.finish();

    expect(second).toBeUndefined();
    expect(other).not.toHaveBeenCalled();
    expect(await first).toBe('sent');
  });

  it('frees the lock when the job fails, passing the error on', async () => {
    const locks = fakeLocks();

    await expect(
      runExclusive('outbox', () => Promise.reject(new Error('offline')), { locks, tabId: 'a' }),
    ).rejects.toThrow('offline');
    expect(await runExclusive('outbox', async () => 'retried', { locks, tabId: 'b' })).toBe(
      'retried',
    );
  });

  it('never runs the same job twice at once in one tab', async () => {
    const locks = fakeLocks();
    const job = pendingJob(1);

    const first = runExclusive('outbox', job.fn, { locks, tabId: 'a' });
    const again = await runExclusive('outbox', async () => 2, { locks, tabId: 'a' });
    job.finish();

    expect(again).toBeUndefined();
    expect(await first).toBe(1);
  });

  it('falls back to the lease when Web Locks refuse before granting', async () => {
    const origin = fakeOrigin();
    const refusing: LockRequester = {
      request: () => Promise.reject(new DOMException('not fully active', 'InvalidStateError')),
    };
    const fn = vi.fn<() => Promise<string>>(async () => 'sent');

    expect(await runExclusive('outbox', fn, { ...origin.tab('a'), locks: refusing })).toBe('sent');
    expect(fn).toHaveBeenCalledOnce();
  });
});

describe('runExclusive with a lease in localStorage', () => {
  it('lets only one of two tabs send, then frees the lease', async () => {
    const origin = fakeOrigin();
    const job = pendingJob('sent');
    const other = vi.fn<() => Promise<string>>(async () => 'sent twice');

    const first = runExclusive('outbox', job.fn, origin.tab('a'));
    await settle();
    expect(job.started).toHaveBeenCalledOnce();
    expect(await runExclusive('outbox', other, origin.tab('b'))).toBeUndefined();
    job.finish();
    expect(await first).toBe('sent');

    expect(origin.shared.getItem('chatlet:lock:outbox')).toBeNull();
    expect(await runExclusive('outbox', other, origin.tab('b'))).toBe('sent twice');
  });

  it('lets exactly one tab win when two claim at the same moment', async () => {
    const origin = fakeOrigin();
    // Tab b's first read is stale, as when both tabs read the free lease before either wrote.
    const real = openStorage({ localStorage: () => origin.shared, warn: () => {} });
    let stale = true;
    const lagging: SafeStorage = {
      ...real,
      get(key) {
        if (!stale) return real.get(key);
        stale = false;
        return null;
      },
    };
    const ran: string[] = [];

    const results = await Promise.all([
      runExclusive('outbox', async () => ran.push('a'), origin.tab('a')),
      runExclusive('outbox', async () => ran.push('b'), origin.tab('b', lagging)),
    ]);

    expect(ran).toEqual(['b']);
    expect(results).toEqual([undefined, 1]);
  });

  it('never runs the same job twice at once in one tab', async () => {
    const origin = fakeOrigin();
    const job = pendingJob(1);

    const first = runExclusive('outbox', job.fn, origin.tab('a'));
    const again = await runExclusive('outbox', async () => 2, origin.tab('a'));
    job.finish();

    expect(again).toBeUndefined();
    expect(await first).toBe(1);
  });

  it("takes over a crashed tab's lease once it expires", async () => {
    const origin = fakeOrigin();
    const lease = { owner: 'crashed-tab', expires: origin.now() + 15_000 };
    origin.shared.setItem('chatlet:lock:outbox', JSON.stringify(lease));
    const fn = vi.fn<() => Promise<string>>(async () => 'sent');

    expect(await runExclusive('outbox', fn, origin.tab('b'))).toBeUndefined();
    origin.advance(15_001);
    expect(await runExclusive('outbox', fn, origin.tab('b'))).toBe('sent');
    expect(fn).toHaveBeenCalledOnce();
  });

  it('renews the lease while a long send is running', async () => {
    const origin = fakeOrigin();
    const job = pendingJob('sent');
    const other = vi.fn<() => Promise<string>>(async () => 'sent twice');

    const first = runExclusive('outbox', job.fn, origin.tab('a'));
    await settle();
    expect(job.started).toHaveBeenCalledOnce();
    for (let i = 0; i < 6; i += 1) origin.advance(5_000);

    expect(await runExclusive('outbox', other, origin.tab('b'))).toBeUndefined();
    job.finish();
    await first;
    expect(origin.timers.size).toBe(0);
  });

  it('tells a stalled holder that another tab took over', async () => {
    const origin = fakeOrigin();
    const job = pendingJob('sent');
    const first = runExclusive('outbox', job.fn, origin.tab('a'));
    await settle();
    expect(job.started).toHaveBeenCalledOnce();
    const signal = job.started.mock.calls[0]?.[0];

    // Tab a's timers stalled (a frozen background tab) while its lease ran out.
    origin.shared.setItem(
      'chatlet:lock:outbox',
      JSON.stringify({ owner: 'b', expires: origin.now() + 60_000 }),
    );
    origin.advance(5_000);

    expect(signal?.aborted).toBe(true);
    job.finish();
    await first;
    expect(JSON.parse(origin.shared.getItem('chatlet:lock:outbox') ?? 'null')).toMatchObject({
      owner: 'b',
    });
  });

  it('runs in this tab alone when storage is not shared between tabs', async () => {
    const memory = openStorage({
      localStorage: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      sessionStorage: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      warn: () => {},
    });

    expect(
      await runExclusive('outbox', async () => 'sent', { locks: undefined, storage: memory }),
    ).toBe('sent');
  });
});
