import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFamulorStandIn, type FamulorStandIn } from '../support/famulor-stand-in.ts';
import { startProxyProcess, type ProxyProcess } from '../support/proxy-process.ts';
import { startQuickchatStandIn, type QuickchatStandIn } from '../support/quickchat-stand-in.ts';
import { startRedis, type RedisServer } from '../support/redis-server.ts';

// Two built `chatlet-proxy` processes share one redis-server, as two instances behind a load
// balancer do. Each test sends from its own client IP (X-Forwarded-For, trusted here), so the
// per-IP limit of one test does not count against another. The Redis command timeout is raised
// from its 100 ms default: this 2-core machine runs many suites at once, and a single late answer
// would (correctly) fall back to memory and make the exact counts below inexact.
const SECRET = 'two-instances-secret-0123456789abcdef0123';
const API_KEY = 'qc-key-two-instances-5a1b2c3d4e5f';
const FAMULOR_TOKEN = 'famulor-token-two-instances-9f8e7d6c';
let redis: RedisServer;
let quickchat: QuickchatStandIn;
let a: ProxyProcess;
let b: ProxyProcess;
let ipCounter = 0;

beforeAll(async () => {
  redis = await startRedis();
  quickchat = await startQuickchatStandIn({ apiKey: API_KEY, scenarioId: 's-1' });
  const env = {
    CHATLET_SECRET: SECRET,
    CHATLET_REDIS_URL: redis.url,
    CHATLET_REDIS_TIMEOUT_MS: '1000',
    CHATLET_TRUST_PROXY: '1',
    CHATLET_IP_REQUESTS_PER_MINUTE: '3',
    QUICKCHAT_API_KEY: API_KEY,
    QUICKCHAT_SCENARIO_ID: 's-1',
    QUICKCHAT_API_URL: quickchat.url,
  };
  [a, b] = await Promise.all([startProxyProcess(env), startProxyProcess(env)]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await quickchat?.close();
  await redis?.close();
});

/** Posts one message to `proxy` from `ip`. */
async function chat(proxy: ProxyProcess, body: Record<string, unknown>, ip: string) {
  const response = await fetch(`${proxy.url}/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const freshIp = () => `198.51.100.${(ipCounter += 1)}`;
const stateOf = async (proxy: ProxyProcess) =>
  ((await (await fetch(`${proxy.url}/healthz`)).json()) as { state: string }).state;

describe('two chatlet-proxy processes on one Redis', () => {
  it('report state redis', async () => {
    expect(await stateOf(a)).toBe('redis');
    expect(await stateOf(b)).toBe('redis');
  });

  it('make one upstream call for one id sent to A, then retried on B', async () => {
    const before = quickchat.requests.length;
    const message = { text: 'Hello', client_message_id: crypto.randomUUID() };
    const ip = freshIp();
    const first = await chat(a, message, ip);
    const retried = await chat(b, message, ip);
    expect(first.status).toBe(200);
    expect(retried.body).toEqual(first.body);
    expect(quickchat.requests.length - before).toBe(1);
  });

  it('answer a retry on B sent the moment A has replied with the stored answer (A does not wait for the write)', async () => {
    const before = quickchat.requests.length;
    for (let i = 0; i < 20; i += 1) {
      const message = { text: `Right after ${i}`, client_message_id: crypto.randomUUID() };
      const ip = freshIp(); // the per-IP limit here is 3 a minute
      const first = await chat(a, message, ip);
      const retried = await chat(b, message, ip);
      expect(retried.status).toBe(200);
      expect(retried.body).toEqual(first.body);
    }
    expect(quickchat.requests.length - before).toBe(20);
  });

  it('make one upstream call for one id sent to A and B at the same moment', async () => {
    const before = quickchat.requests.length;
    let release = () => {};
    quickchat.script({ kind: 'reply', after: new Promise((done) => (release = done)) });
    const message = { text: 'Both at once', client_message_id: crypto.randomUUID() };
    const ip = freshIp();
    const both = Promise.all([chat(a, message, ip), chat(b, message, ip)]);
    await quickchat.received(before + 1);
    // The loser is waiting for the winner's answer by now; hold a little so it really waits.
    await new Promise((done) => setTimeout(done, 300));
    release();
    const [one, two] = await both;
    expect(one.status).toBe(200);
    expect(two.body).toEqual(one.body);
    expect(quickchat.requests.length - before).toBe(1);
  });

  it('refuse another visitor who reuses an id on the other instance (422)', async () => {
    const id = crypto.randomUUID();
    expect((await chat(a, { text: 'Mine', client_message_id: id }, freshIp())).status).toBe(200);
    const other = await chat(b, { text: 'Theirs', client_message_id: id }, freshIp());
    expect(other.status).toBe(422);
  });

  it('count the per-IP limit once across both', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      statuses.push((await chat(i % 2 === 0 ? a : b, { text: `m${i}` }, ip)).status);
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
  });

  it('keep answering while Redis is down (degraded, one warning each) and go back when it returns', async () => {
    await redis.kill();
    const during = await Promise.all([
      chat(a, { text: 'Still there?' }, freshIp()),
      chat(b, { text: 'Still there?' }, freshIp()),
      chat(a, { text: 'And now?', client_message_id: crypto.randomUUID() }, freshIp()),
    ]);
    expect(during.map((reply) => reply.status)).toEqual([200, 200, 200]);
    expect(await stateOf(a)).toBe('degraded');
    expect(await stateOf(b)).toBe('degraded');
    for (const proxy of [a, b]) {
      expect(proxy.logs.filter((line) => line['event'] === 'state_degraded')).toHaveLength(1);
    }

    await redis.restart();
    await until(async () => (await stateOf(a)) === 'redis' && (await stateOf(b)) === 'redis');
    const before = quickchat.requests.length;
    const message = { text: 'After the outage', client_message_id: crypto.randomUUID() };
    const ip = freshIp();
    await chat(a, message, ip);
    expect((await chat(b, message, ip)).status).toBe(200);
    expect(quickchat.requests.length - before).toBe(1);
  });
});

describe('two chatlet-proxy processes in front of one Famulor token', () => {
  let famulor: FamulorStandIn;
  let fa: ProxyProcess;
  let fb: ProxyProcess;
  beforeAll(async () => {
    famulor = await startFamulorStandIn({
      token: FAMULOR_TOKEN,
      assistantIds: [7],
      requestsPerMinute: 5,
    });
    const env = {
      CHATLET_SECRET: SECRET,
      CHATLET_REDIS_URL: redis.url,
      CHATLET_REDIS_PREFIX: 'famulor-test',
      CHATLET_REDIS_TIMEOUT_MS: '1000',
      // Every visitor here comes from 127.0.0.1: only the upstream budget may refuse.
      CHATLET_IP_REQUESTS_PER_MINUTE: '100',
      FAMULOR_API_TOKEN: FAMULOR_TOKEN,
      FAMULOR_ASSISTANT_ID: '7',
      FAMULOR_API_URL: famulor.endpoint(),
    };
    [fa, fb] = await Promise.all([startProxyProcess(env), startProxyProcess(env)]);
  });
  afterAll(async () => {
    await Promise.all([fa?.stop(), fb?.stop()]);
    await famulor?.close();
  });

  it('never exceed its 5 calls a minute together: the rest get an honest 429 from the proxy', async () => {
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => chat(i % 2 === 0 ? fa : fb, { text: `new ${i}` }, '')),
    );
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(7);
    expect(famulor.requests).toHaveLength(5);
    expect(famulor.refused).toBe(0);
    // The token reaches Redis only as a digest.
    expect(
      fa.logs.concat(fb.logs).some((line) => JSON.stringify(line).includes(FAMULOR_TOKEN)),
    ).toBe(false);
  });
});

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    if (await condition()) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  expect(await condition()).toBe(true);
}
