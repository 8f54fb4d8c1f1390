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

  it('refuses a foreign origin with a 403 the page can read, and no upstream call', async () => {
    harness = await startHarness({ allowedOrigins: [ALLOWED] });
    const evil = 'https://evil.example';
    // The preflight passes, so the browser sends the message and can read why it was refused.
    const pre = await harness.handler(preflight(evil));
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(evil);
    const refused = await send(harness.handler, { text: 'Hi' }, { headers: { origin: evil } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBe(evil);
    expect(errorOf(refused.body)).toMatchObject({
      code: 'forbidden_origin',
      message: expect.stringMatching(/https:\/\/evil\.example.*CHATLET_ALLOWED_ORIGINS/),
    });
    expect(harness.upstream.requests).toHaveLength(0);
  });

  it('logs a warn line naming a refused origin once per origin per minute', async () => {
    let now = 1_000_000;
    harness = await startHarness({ allowedOrigins: [ALLOWED], now: () => now });
    const knock = (origin: string) =>
      send(harness.handler, { text: 'Hi' }, { headers: { origin } });
    const warnings = () => harness.logs.filter((entry) => entry.event === 'origin_refused');
    for (let index = 0; index < 50; index += 1) await knock('https://evil.example');
    await knock('https://other.example');
    expect(warnings().map((entry) => [entry.level, entry['origin']])).toEqual([
      ['warn', 'https://evil.example'],
      ['warn', 'https://other.example'],
    ]);
    now += 60_000;
    await knock('https://evil.example');
    expect(warnings()).toHaveLength(3);
    // Every request line names the origin too.
    expect(harness.logs.find((entry) => entry.event === 'request')?.['origin']).toBe(
      'https://evil.example',
    );
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

  it('refuses the DNS-rebinding request: Host and Origin alike do not make an origin allowed', async () => {
    harness = await startHarness({ allowedOrigins: [ALLOWED] });
    const rebound = new Request('http://evil.example/chat', {
      method: 'POST',
      headers: {
        host: 'evil.example',
        origin: 'http://evil.example',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ text: 'Hi' }),
    });
    const response = await harness.handler(rebound);
    expect(response.status).toBe(403);
    expect(harness.upstream.requests).toHaveLength(0);
    // Nor the proxy's own URL, unless configured.
    const own = await send(harness.handler, { text: 'Hi' }, { headers: { origin: PROXY_ORIGIN } });
    expect(own.status).toBe(403);
  });

  it('honours CHATLET_PUBLIC_ORIGIN, whatever the request URL says', async () => {
    harness = await startHarness({ publicOrigin: 'https://chat.example.com' });
    // A framework route may see `localhost` in request.url while the page is on the public origin.
    const request = new Request('http://localhost:3000/api/chat', {
      method: 'POST',
      headers: { origin: 'https://chat.example.com', 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Hi' }),
    });
    const response = await harness.handler(request);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://chat.example.com');
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
