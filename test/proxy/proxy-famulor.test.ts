import { afterEach, describe, expect, it } from 'vitest';
import { createChatletProxy, proxyOptionsFromEnv } from '../../src/proxy/index.ts';
import type { LogEntry } from '../../src/proxy/log.ts';
import { startFamulorStandIn, type FamulorStandIn } from '../support/famulor-stand-in.ts';
import { TEST_SECRET, chatRequest, errorOf } from '../support/proxy-harness.ts';

const TOKEN = 'famulor-token-5d2c9e71a0b34f6e8d7c6b5a';
let famulor: FamulorStandIn;
afterEach(() => famulor.close());

/** A proxy built from the environment, as `npx chatlet-proxy` would build it. */
async function proxyFor(env: Record<string, string> = {}) {
  famulor = await startFamulorStandIn({ token: TOKEN, assistantIds: [7] });
  const logs: LogEntry[] = [];
  const handler = createChatletProxy({
    ...proxyOptionsFromEnv({
      FAMULOR_API_TOKEN: TOKEN,
      FAMULOR_ASSISTANT_ID: '7',
      FAMULOR_API_URL: famulor.endpoint(),
      CHATLET_SECRET: TEST_SECRET,
      ...env,
    }),
    log: (entry) => void logs.push(entry),
    sleep: async () => undefined,
  });
  const post = async (body: unknown) => {
    const response = await handler(chatRequest(body));
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, unknown>,
    };
  };
  return { handler, post, logs };
}

describe('the proxy in front of Famulor', () => {
  it('continues a conversation under the identifier the proxy minted', async () => {
    const { post } = await proxyFor();
    const first = await post({ text: 'Hi', client_metadata: { kb_topic: 'booking' } });
    expect(first.status).toBe(200);
    const second = await post({ text: 'Again', conversation: first.body['conversation'] });
    expect(second.status).toBe(200);
    const [one, two] = famulor.requests as Array<{ body: Record<string, unknown> }>;
    expect(one?.body['customer_identifier']).toEqual(two?.body['customer_identifier']);
    expect(one?.body['variables']).toEqual({ kb_topic: 'booking' });
  });

  it('forwards function calls only for allowlisted names', async () => {
    const calls = [
      { name: 'book_slot', arguments: { day: 'Mon' }, result: { ok: true } },
      { name: 'lookup_customer', arguments: { phone: '+49…' }, result: { name: 'Private' } },
    ];
    const { post } = await proxyFor({ FAMULOR_FORWARD_FUNCTIONS: 'book_slot' });
    famulor.script({ kind: 'reply', reply: 'Booked', functionCalls: calls });
    const { body } = await post({ text: 'Book Monday' });
    expect(body['function_calls']).toEqual([calls[0]]);
  });

  it('forwards no function calls by default', async () => {
    const { post } = await proxyFor();
    famulor.script({ kind: 'reply', reply: 'Booked', functionCalls: [{ name: 'book_slot' }] });
    const { body } = await post({ text: 'Book Monday' });
    expect(body).not.toHaveProperty('function_calls');
  });

  it('says handoff when AI replies are disabled', async () => {
    const { post } = await proxyFor();
    famulor.script({ kind: 'reply', reply: null, aiDisabled: true });
    const { status, body } = await post({ text: 'Hello?' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ handoff: true, reply: '' });
  });

  it('turns a refused token (302) into a generic 502 and an operator error line', async () => {
    const { post, logs } = await proxyFor({ FAMULOR_API_TOKEN: 'wrong-token-000' });
    const { status, body } = await post({ text: 'Hi' });
    expect(status).toBe(502);
    expect(errorOf(body)['code']).toBe('misconfigured');
    expect(logs.at(-1)).toMatchObject({ level: 'error', upstream_failure: 'unauthorized' });
  });

  it('answers 429 with an honest Retry-After once the shared budget is spent', async () => {
    // One call per minute: the second would wait far longer than the queue allows.
    const { post } = await proxyFor({ FAMULOR_REQUESTS_PER_MINUTE: '1' });
    expect((await post({ text: 'one' })).status).toBe(200);
    const refused = await post({ text: 'two' });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(5);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(errorOf(refused.body)).toMatchObject({
      code: 'rate_limited',
      retry_after_s: retryAfter,
    });
    expect(famulor.requests).toHaveLength(1);
  });
});
