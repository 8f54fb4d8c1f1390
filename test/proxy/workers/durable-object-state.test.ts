import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src/proxy/log.ts';
import type {
  DurableObjectNamespace,
  DurableObjectStub,
} from '../../../src/proxy/workers/bindings.ts';
import { createDurableObjectState } from '../../../src/proxy/workers/durable-object-state.ts';

/**
 * What the Worker does when its objects fail: the contract and the properties across isolates run
 * on workerd (test/proxy/workerd-state.test.ts); an outage is easier to stage with a namespace
 * whose stubs fail on demand.
 */
function flakyNamespace() {
  const control = { failing: true, calls: 0 };
  const stub: DurableObjectStub = {
    fetch: async (_input, init) => {
      control.calls += 1;
      if (control.failing) throw new Error('Durable Object is overloaded');
      const call = JSON.parse(String(init?.body)) as { op: string };
      const results: Record<string, unknown> = { get: 'from the object', take: { allowed: true } };
      return Response.json({ result: results[call.op] ?? true });
    },
  };
  const namespace: DurableObjectNamespace = { idFromName: (name) => ({ name }), get: () => stub };
  return { namespace, control };
}

describe('the Durable Object state during an outage', () => {
  it('answers from memory with one warning, reports degraded, and returns when the object does', async () => {
    const { namespace, control } = flakyNamespace();
    const logs: LogEntry[] = [];
    const state = createDurableObjectState(namespace, { log: (entry) => logs.push(entry) });

    expect(await state.store.add('k', 'mine', 60_000)).toBe(true);
    expect(await state.store.add('k', 'theirs', 60_000)).toBe(false);
    expect(await state.store.get('k')).toBe('mine');
    expect(state.health()).toBe('degraded');
    expect(logs.filter((entry) => entry.level === 'warn')).toHaveLength(1);
    expect(logs[0]?.detail).toContain('Durable Object is overloaded');

    control.failing = false;
    expect(await state.store.get('k')).toBe('from the object');
    expect(state.health()).toBe('durable-object');
    expect(control.calls).toBe(4);
  });

  it('uses the Rate Limiting binding for the per-IP limit only', async () => {
    const { namespace, control } = flakyNamespace();
    control.failing = false;
    const keys: string[] = [];
    const state = createDurableObjectState(namespace, {
      ipRateLimit: {
        limit: async ({ key }) => {
          keys.push(key);
          return { success: keys.length < 2 };
        },
      },
    });

    const ip = state.limiter('ipRequestsPerMinute', 30);
    expect(await ip.take('ip:203.0.113.9')).toEqual({ allowed: true });
    expect(await ip.take('ip:203.0.113.9')).toEqual({ allowed: false, retryAfterS: 60 });
    expect(await state.limiter('conversationRequestsPerMinute', 12).take('c')).toEqual({
      allowed: true,
    });
    expect(keys).toEqual(['ip:203.0.113.9', 'ip:203.0.113.9']);
    expect(control.calls).toBe(1);
  });
});
