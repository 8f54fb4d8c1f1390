import { afterEach, describe, expect, it } from 'vitest';
import {
  PROXY_ORIGIN,
  errorOf,
  send,
  startHarness,
  type Harness,
} from '../support/proxy-harness.ts';

let harness: Harness;
afterEach(() => harness.close());

const ALLOWED = 'https://shop.example';

function preflight(origin: string): Request {
  return new Request(`${PROXY_ORIGIN}/chat`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });
}

describe('origins', () => {
  it('answers the preflight of an allowed origin', async () => {
    harness = await startHarness({ allowedOrigins: [ALLOWED] });
    const response = await harness.handler(preflight(ALLOWED));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe('Content-Type');
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('lets an allowed page read answers and errors, including Retry-After', async () => {
    harness = await startHarness({ allowedOrigins: [ALLOWED] });
    const ok = await send(harness.handler, { text: 'Hi' }, { headers: { origin: ALLOWED } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const bad = await send(harness.handler, { text: '' }, { headers: { origin: ALLOWED } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(bad.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('refuses a foreign origin with 403 and no upstream call', async () => {
    harness = await startHarness({ allowedOrigins: [ALLOWED] });
    const refused = await send(
      harness.handler,
      { text: 'Hi' },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(refused.status).toBe(403);
    expect(errorOf(refused.body)['code']).toBe('forbidden_origin');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(harness.upstream.requests).toHaveLength(0);
    const pre = await harness.handler(preflight('https://evil.example'));
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('matches origins exactly: scheme, host and port', async () => {
    harness = await startHarness({ allowedOrigins: [ALLOWED] });
    for (const origin of [
      'http://shop.example',
      'https://shop.example:8443',
      'https://sub.shop.example',
      'null',
    ]) {
      const { status } = await send(harness.handler, { text: 'Hi' }, { headers: { origin } });
      expect(status).toBe(403);
    }
  });

  it("allows the proxy's own origin without configuration (the demo serves page and proxy together)", async () => {
    harness = await startHarness();
    const same = await send(harness.handler, { text: 'Hi' }, { headers: { origin: PROXY_ORIGIN } });
    expect(same.status).toBe(200);
    const other = await send(harness.handler, { text: 'Hi' }, { headers: { origin: ALLOWED } });
    expect(other.status).toBe(403);
  });

  it('serves requests without Origin (curl, servers): CORS only protects browsers', async () => {
    harness = await startHarness({ allowedOrigins: [ALLOWED] });
    const { status, headers } = await send(harness.handler, { text: 'Hi' });
    expect(status).toBe(200);
    expect(headers.get('access-control-allow-origin')).toBeNull();
  });
});
