import { afterEach, describe, expect, it } from 'vitest';
import { startQuickchatStandIn, type QuickchatStandIn } from '../support/quickchat-stand-in.ts';
import { routeModule } from '../support/next-route.ts';
import { TEST_API_KEY, TEST_SCENARIO, TEST_SECRET } from '../support/proxy-harness.ts';

let upstream: QuickchatStandIn;
afterEach(async () => upstream.close());

async function route(extra: Record<string, string> = {}) {
  upstream = await startQuickchatStandIn({ apiKey: TEST_API_KEY, scenarioId: TEST_SCENARIO });
  return routeModule({
    QUICKCHAT_API_KEY: TEST_API_KEY,
    QUICKCHAT_SCENARIO_ID: TEST_SCENARIO,
    QUICKCHAT_API_URL: upstream.url,
    CHATLET_SECRET: TEST_SECRET,
    CHATLET_PUBLIC_ORIGIN: 'http://127.0.0.1:3000',
    ...extra,
  });
}

// What Next.js hands a route handler behind `next start` or a host: request.url on localhost,
// the page on another spelling of the same machine, the client IP only in a header.
const post = (ip: string) =>
  new Request('http://localhost:3000/api/chat', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: 'http://127.0.0.1:3000',
      'x-forwarded-for': ip,
    },
    body: JSON.stringify({ text: 'Hi' }),
  });

describe('the proxy as a Next.js App Router route handler (README snippet)', () => {
  it("answers the app's own page, whose origin is CHATLET_PUBLIC_ORIGIN, not request.url's", async () => {
    const { POST } = await route();
    const response = await POST(post('203.0.113.7'));
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
    expect(upstream.requests).toHaveLength(1);
  });

  it('counts the per-IP limit by the platform header with CHATLET_TRUST_PROXY', async () => {
    const { POST } = await route({
      CHATLET_TRUST_PROXY: 'true',
      CHATLET_IP_REQUESTS_PER_MINUTE: '1',
    });
    expect((await POST(post('203.0.113.7'))).status).toBe(200);
    expect((await POST(post('203.0.113.7'))).status).toBe(429);
    expect((await POST(post('198.51.100.9'))).status).toBe(200);
  });

  it('serves the preflight and /healthz from the same module', async () => {
    const { OPTIONS, GET } = await route();
    const preflight = await OPTIONS(
      new Request('http://localhost:3000/api/chat', {
        method: 'OPTIONS',
        headers: { origin: 'http://127.0.0.1:3000', 'access-control-request-method': 'POST' },
      }),
    );
    expect(preflight.status).toBe(204);
    const health = await GET(new Request('http://localhost:3000/api/chat/healthz'));
    expect(health.status).toBe(200);
  });
});
