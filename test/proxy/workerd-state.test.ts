import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatReply } from '../../src/core/protocol.ts';
import type { DurableObjectNamespace } from '../../src/proxy/workers/bindings.ts';
import { createDurableObjectState } from '../../src/proxy/workers/durable-object-state.ts';
import { startFamulorStandIn, type FamulorStandIn } from '../support/famulor-stand-in.ts';
import { startQuickchatStandIn, type QuickchatStandIn } from '../support/quickchat-stand-in.ts';
import { bundleWorker, type WorkerBundle } from '../support/worker-bundle.ts';
import { runStateContract } from './state/contract.ts';

/**
 * The Worker's shared state on workerd: two Workers ("a" and "b", each its own isolate and module
 * instance, like two isolates of one deployment) bound to the same `ChatletState` Durable Object
 * namespace. Memory state would let each count alone, so every property below fails without the
 * objects.
 */

const SECRET = 'workerd-state-secret-0123456789abcdefghij';
const QUICKCHAT_KEY = 'qc-workerd-key-0123456789';
const FAMULOR_TOKEN = 'fam-workerd-token-0123456789';
const ORIGIN = 'https://shop.example';

let bundle: WorkerBundle | undefined;
let mf: Miniflare;
let quickchat: QuickchatStandIn;
let famulor: FamulorStandIn;
/** A second Famulor account, so the fairness test has a budget of its own. */
let fairFamulor: FamulorStandIn;
const logs: string[] = [];

beforeAll(async () => {
  const { dir, scriptPath } = (bundle = await bundleWorker());
  quickchat = await startQuickchatStandIn({ apiKey: QUICKCHAT_KEY, scenarioId: 'scn-1' });
  famulor = await startFamulorStandIn({ token: FAMULOR_TOKEN, assistantIds: [42] });
  fairFamulor = await startFamulorStandIn({ token: `${FAMULOR_TOKEN}-fair`, assistantIds: [42] });
  const quickchatSettings = {
    CHATLET_SECRET: SECRET,
    CHATLET_ALLOWED_ORIGINS: ORIGIN,
    QUICKCHAT_API_KEY: QUICKCHAT_KEY,
    QUICKCHAT_SCENARIO_ID: 'scn-1',
    QUICKCHAT_API_URL: quickchat.url,
    CHATLET_IP_REQUESTS_PER_MINUTE: '3',
    CHATLET_CONVERSATION_REQUESTS_PER_MINUTE: '2',
  };
  const famulorSettings = {
    CHATLET_SECRET: SECRET,
    CHATLET_ALLOWED_ORIGINS: ORIGIN,
    FAMULOR_API_TOKEN: FAMULOR_TOKEN,
    FAMULOR_ASSISTANT_ID: '42',
    FAMULOR_API_URL: famulor.endpoint(),
    FAMULOR_REQUESTS_PER_MINUTE: '3',
  };
  // "a" hosts the objects; every other Worker reaches the same namespace through it.
  const shared = { CHATLET_STATE: { className: 'ChatletState', scriptName: 'a' } };
  const worker = (name: string, bindings: Record<string, string>, more: object = {}) => ({
    name,
    modules: true,
    scriptPath,
    modulesRoot: dir,
    compatibilityDate: '2026-04-01',
    routes: [`${name}.test/*`],
    bindings,
    durableObjects: shared,
    ...more,
  });
  mf = new Miniflare({
    handleStructuredLogs: ({ message }: { message: string }) => {
      logs.push(message);
    },
    workers: [
      worker('a', quickchatSettings, { durableObjects: { CHATLET_STATE: 'ChatletState' } }),
      worker('b', quickchatSettings),
      worker('famulor-a', famulorSettings),
      worker('famulor-b', famulorSettings),
      ...['fair-a', 'fair-b'].map((name) =>
        worker(name, {
          ...famulorSettings,
          FAMULOR_API_TOKEN: `${FAMULOR_TOKEN}-fair`,
          FAMULOR_API_URL: fairFamulor.endpoint(),
          FAMULOR_REQUESTS_PER_MINUTE: '4',
        }),
      ),
      worker('rate-limited', quickchatSettings, {
        ratelimits: { CHATLET_IP_RATE_LIMIT: { simple: { limit: 2, period: 60 } } },
      }),
      worker('alone', quickchatSettings, { durableObjects: {} }),
    ],
  });
  await mf.ready;
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
  await quickchat?.close();
  await famulor?.close();
  await fairFamulor?.close();
  await bundle?.remove();
});

beforeEach(() => {
  quickchat.requests.length = 0;
  famulor.requests.length = 0;
});

let ip = 0;
/** A fresh client address, so one test's per-IP count never reaches another's. */
const freshIp = () => `198.51.100.${(ip += 1)}`;

/** Posts a chat message to one Worker as a browser on the allowed origin would. */
function chat(worker: string, body: object, address = freshIp()) {
  return mf.dispatchFetch(`http://${worker}.test/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, 'cf-connecting-ip': address },
    body: JSON.stringify(body),
  });
}

const replyOf = async (response: { json(): Promise<unknown> }) =>
  (await response.json()) as ChatReply;

runStateContract('Durable Object on workerd', async () =>
  createDurableObjectState(
    (await mf.getDurableObjectNamespace('CHATLET_STATE', 'a')) as unknown as DurableObjectNamespace,
  ),
);

describe('the Worker with the ChatletState Durable Object', () => {
  it('reports its state as durable-object', async () => {
    const response = await mf.dispatchFetch('http://b.test/healthz');

    expect(await response.json()).toEqual({
      ok: true,
      provider: 'quickchat',
      state: 'durable-object',
    });
  });

  it('answers a retry on the other isolate from the stored answer, with one upstream call', async () => {
    const message = { text: 'Hi', client_message_id: crypto.randomUUID() };
    const first = await chat('a', message);
    const retry = await chat('b', message);

    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(await replyOf(retry)).toEqual(await replyOf(first));
    expect(quickchat.requests).toHaveLength(1);
  });

  it('makes one upstream call for one id sent to both isolates at once', async () => {
    // The first call is held upstream while the duplicates arrive, as a slow model would.
    const held = new Promise<void>((resolve) => setTimeout(resolve, 400));
    quickchat.script({ kind: 'reply', after: held });
    const message = { text: 'Hi', client_message_id: crypto.randomUUID() };
    const responses = await Promise.all([
      chat('a', message),
      chat('b', message),
      chat('a', message),
      chat('b', message),
    ]);

    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    const replies = await Promise.all(responses.map(replyOf));
    expect(new Set(replies.map((reply) => reply.conversation)).size).toBe(1);
    expect(quickchat.requests).toHaveLength(1);
  });

  it('counts the per-IP limit once across isolates', async () => {
    const address = freshIp();
    const statuses = [];
    for (const worker of ['a', 'b', 'a', 'b', 'a']) {
      statuses.push((await chat(worker, { text: 'Hi' }, address)).status);
    }

    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(quickchat.requests).toHaveLength(3);
  });

  it('counts the conversation limit once across isolates', async () => {
    const opened = await replyOf(await chat('a', { text: 'Hi' }));
    const statuses = [];
    for (const worker of ['b', 'a', 'b']) {
      const response = await chat(worker, { text: 'More', conversation: opened.conversation });
      statuses.push(response.status);
    }

    expect(statuses).toEqual([200, 200, 429]);
  });

  it('never lets both isolates together exceed the Famulor budget', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        chat(i % 2 === 0 ? 'famulor-a' : 'famulor-b', { text: `Visitor ${i}` }).then(
          (response) => response.status,
        ),
      ),
    );

    expect(statuses.filter((status) => status === 200)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(9);
    expect(famulor.requests).toHaveLength(3);
  });

  it('lets one conversation spend at most half the Famulor budget across isolates', async () => {
    const opened = await replyOf(await chat('fair-a', { text: 'Hi' }));
    const second = await chat('fair-b', { text: 'More', conversation: opened.conversation });
    const third = await chat('fair-a', { text: 'More', conversation: opened.conversation });
    const newcomer = await chat('fair-b', { text: 'Hello' });

    // A budget of 4: the conversation's share is 2 (its first message counts), the rest is others'.
    expect([second.status, third.status, newcomer.status]).toEqual([200, 429, 200]);
    expect(fairFamulor.requests).toHaveLength(3);
  });

  it('counts the per-IP limit with the Rate Limiting binding where it is bound', async () => {
    const address = freshIp();
    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push((await chat('rate-limited', { text: 'Hi' }, address)).status);
    }
    const other = await chat('rate-limited', { text: 'Hi' });

    // The binding's limit of 2 counts, not CHATLET_IP_REQUESTS_PER_MINUTE=3.
    expect(statuses).toEqual([200, 200, 429]);
    expect(other.status).toBe(200);
  });

  it('says in one log line that it runs per isolate when CHATLET_STATE is not bound', async () => {
    const health = await mf.dispatchFetch('http://alone.test/healthz');
    await mf.dispatchFetch('http://alone.test/healthz');

    expect(await health.json()).toMatchObject({ state: 'memory' });
    const lines = logs.filter((line) => line.includes('runs per isolate'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('CHATLET_STATE is not bound');
  });
});
