import { describe, expect, it } from 'vitest';
import { createRequestIds } from '../../src/proxy/request-ids.ts';

/** A version-4 UUID's spelling: what X-Request-Id and the log lines have always carried. */
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it('are spelt as UUIDs and never repeat within a handler', () => {
    const next = createRequestIds();
    const ids = Array.from({ length: 10_000 }, () => next());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('differ between two handlers, whose random parts differ', () => {
    const one = createRequestIds();
    const other = createRequestIds();
    const ids = new Set(Array.from({ length: 100 }, () => [one(), other()]).flat());
    expect(ids.size).toBe(200);
    expect(one().slice(0, 24)).not.toBe(other().slice(0, 24));
  });
});
