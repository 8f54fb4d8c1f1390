import { afterEach, describe, expect, it } from 'vitest';
import { ipBucketOf } from '../../src/proxy/client-ip.ts';
import { createMemoryRateLimiter } from '../../src/proxy/state/memory-rate-limiter.ts';
import { errorOf, send, startHarness, type Harness } from '../support/proxy-harness.ts';

let harness: Harness;
afterEach(() => harness.close());

describe('abuse limits', () => {
  it('refuses a client IP over its budget with 429 and Retry-After, without an upstream call', async () => {
    harness = await startHarness({ ipRequestsPerMinute: 2, now: () => 0 });
    for (let index = 0; index < 2; index += 1) {
      expect(
        (await send(harness.handler, { text: 'Hi' }, { clientIp: '203.0.113.7' })).status,
      ).toBe(200);
    }
    const refused = await send(harness.handler, { text: 'Hi' }, { clientIp: '203.0.113.7' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(errorOf(refused.body)).toMatchObject({ code: 'rate_limited', retry_after_s: 30 });
    expect(harness.upstream.requests).toHaveLength(2);
    // Another visitor is not affected.
    expect((await send(harness.handler, { text: 'Hi' }, { clientIp: '203.0.113.8' })).status).toBe(
      200,
    );
  });

  it('refills the budget as time passes', async () => {
    let now = 0;
    harness = await startHarness({ ipRequestsPerMinute: 1, now: () => now });
    expect((await send(harness.handler, { text: 'Hi' }, { clientIp: '198.51.100.1' })).status).toBe(
      200,
    );
    expect((await send(harness.handler, { text: 'Hi' }, { clientIp: '198.51.100.1' })).status).toBe(
      429,
    );
    now += 60_000;
    expect((await send(harness.handler, { text: 'Hi' }, { clientIp: '198.51.100.1' })).status).toBe(
      200,
    );
  });

  it('limits one conversation whatever IP it comes from', async () => {
    harness = await startHarness({ conversationRequestsPerMinute: 1, now: () => 0 });
    const first = await send(harness.handler, { text: 'Hi' }, { clientIp: '192.0.2.1' });
    const conversation = first.body['conversation'];
    expect(
      (await send(harness.handler, { text: 'a', conversation }, { clientIp: '192.0.2.2' })).status,
    ).toBe(200);
    expect(
      (await send(harness.handler, { text: 'b', conversation }, { clientIp: '192.0.2.3' })).status,
    ).toBe(429);
  });

  it('ignores X-Forwarded-For unless the proxy is trusted', async () => {
    harness = await startHarness({ ipRequestsPerMinute: 1, now: () => 0 });
    const spoof = (ip: string) => ({ clientIp: '10.0.0.1', headers: { 'x-forwarded-for': ip } });
    expect((await send(harness.handler, { text: 'Hi' }, spoof('1.1.1.1'))).status).toBe(200);
    expect((await send(harness.handler, { text: 'Hi' }, spoof('2.2.2.2'))).status).toBe(429);
  });

  it('counts the last X-Forwarded-For entry when the proxy is trusted', async () => {
    harness = await startHarness({ ipRequestsPerMinute: 1, trustProxy: true, now: () => 0 });
    const via = (header: string) => ({
      clientIp: '10.0.0.1',
      headers: { 'x-forwarded-for': header },
    });
    expect((await send(harness.handler, { text: 'Hi' }, via('6.6.6.6, 203.0.113.9'))).status).toBe(
      200,
    );
    // A client that claims another first hop is still the same last hop.
    expect((await send(harness.handler, { text: 'Hi' }, via('7.7.7.7, 203.0.113.9'))).status).toBe(
      429,
    );
    expect((await send(harness.handler, { text: 'Hi' }, via('203.0.113.10'))).status).toBe(200);
  });

  it('counts an IPv6 client per /64, since it can rotate through its whole prefix', async () => {
    harness = await startHarness({ ipRequestsPerMinute: 1, now: () => 0 });
    const from = (clientIp: string) => send(harness.handler, { text: 'Hi' }, { clientIp });
    expect((await from('2001:db8:1:2::a')).status).toBe(200);
    expect((await from('2001:db8:1:2:ffff::b')).status).toBe(429);
    expect((await from('2001:db8:1:3::a')).status).toBe(200);
  });

  it('is off when configured as 0', async () => {
    harness = await startHarness({ ipRequestsPerMinute: 0, conversationRequestsPerMinute: 0 });
    for (let index = 0; index < 40; index += 1) {
      expect((await send(harness.handler, { text: 'Hi' }, { clientIp: '192.0.2.1' })).status).toBe(
        200,
      );
    }
  });
});

describe('the in-memory token bucket', () => {
  it('stays bounded in keys, a forgotten key starting with a full bucket', async () => {
    const limiter = createMemoryRateLimiter({ perMinute: 1, maxKeys: 2, now: () => 0 });
    expect(await limiter.take('a')).toEqual({ allowed: true });
    expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterS: 60 });
    await limiter.take('b');
    await limiter.take('c');
    expect(await limiter.take('a')).toEqual({ allowed: true });
  });
});

describe('rate-limit keys of addresses', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::9', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ])('%s → %s', (ip, key) => {
    expect(ipBucketOf(ip)).toBe(key);
  });
});
