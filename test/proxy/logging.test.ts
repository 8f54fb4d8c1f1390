import { afterEach, describe, expect, it } from 'vitest';
import { send, startHarness, type Harness } from '../support/proxy-harness.ts';
import { createMemoryState } from '../../src/proxy/state/memory-state.ts';

let harness: Harness;
afterEach(() => harness.close());

describe('log lines', () => {
  it('record one JSON-safe line per request with id, method, path, status, provider and latency', async () => {
    let now = 1000;
    harness = await startHarness({ now: () => (now += 5) });
    await send(harness.handler, { text: 'My secret question' });
    expect(harness.logs).toHaveLength(1);
    const [line] = harness.logs;
    expect(line).toMatchObject({
      level: 'info',
      event: 'request',
      method: 'POST',
      path: '/chat',
      status: 200,
      provider: 'quickchat',
      conversation_reset: false,
    });
    expect(line?.['request_id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(line?.['latency_ms']).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(line))).toEqual(line);
  });

  it('leave out the message text unless the operator turns it on', async () => {
    harness = await startHarness();
    await send(harness.handler, { text: 'My secret question' });
    expect(JSON.stringify(harness.logs)).not.toContain('My secret question');
    await harness.close();

    harness = await startHarness({ logMessages: true });
    await send(harness.handler, { text: 'My secret question' });
    expect(harness.logs[0]).toMatchObject({
      text: 'My secret question',
      reply: 'Hello! You said: My secret question',
    });
  });

  it('carry the error code, and warn on upstream trouble', async () => {
    harness = await startHarness();
    harness.upstream.script({ kind: 'status', status: 500 });
    await send(harness.handler, { text: 'Hi' });
    expect(harness.logs[0]).toMatchObject({
      level: 'warn',
      status: 502,
      error_code: 'upstream_error',
      upstream_failure: 'failed',
      upstream_status: 500,
    });
  });

  it('log an unexpected failure as an error, answered with a plain 500', async () => {
    const down = async (): Promise<never> => {
      throw new Error('store down');
    };
    const state = createMemoryState();
    harness = await startHarness({
      state: { ...state, store: { get: down, set: down, add: down, deleteIfValue: down } },
    });
    const { status, body } = await send(harness.handler, {
      text: 'Hi',
      client_message_id: '0d6f4a52-3c1b-4e7a-9f80-2b1c3d4e5f61',
    });
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('store down');
    expect(harness.logs[0]).toMatchObject({
      level: 'error',
      error_code: 'internal',
      detail: 'Error: store down',
    });
  });

  it('never fail a request because the log sink throws', async () => {
    harness = await startHarness({
      log: () => {
        throw new Error('disk full');
      },
    });
    const { status } = await send(harness.handler, { text: 'Hi' });
    expect(status).toBe(200);
  });
});
