import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/protocol.ts';
import { createChatletProxy } from '../../src/proxy/index.ts';
import { listen, toNodeListener, type Listening } from '../../src/proxy/node/index.ts';
import { TEST_SECRET, quickchatAt, startHarness, type Harness } from '../support/proxy-harness.ts';

let harness: Harness;
let server: Listening | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  await harness.close();
});

async function serve(overrides = {}): Promise<string> {
  harness = await startHarness(overrides);
  server = await listen(toNodeListener(harness.handler), { port: 0 });
  return server.url;
}

const json = { 'content-type': 'application/json' };

describe('the Node adapter', () => {
  it('serves the chat route over real HTTP', async () => {
    const url = await serve();
    const response = await fetch(`${url}/chat`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ text: 'Hi', client_metadata: { kb_topic: 'billing' } }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ reply: 'Hello! You said: Hi' });
    expect(harness.upstream.requests[0]?.body['client_metadata']).toEqual({ kb_topic: 'billing' });
  });

  it('passes the socket address as the client IP', async () => {
    const url = await serve({ ipRequestsPerMinute: 1, now: () => 0 });
    const post = () =>
      fetch(`${url}/chat`, { method: 'POST', headers: json, body: '{"text":"Hi"}' });
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(429);
  });

  it('answers an oversized chunked body with 413 without reading all of it', async () => {
    const url = await serve();
    const big = JSON.stringify({ text: 'a'.repeat(LIMITS.bodyBytes * 4) });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const response = await fetch(`${url}/chat`, {
      method: 'POST',
      headers: json,
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(harness.upstream.requests).toHaveLength(0);
  });

  it('answers HEAD without a body', async () => {
    const url = await serve();
    const response = await fetch(`${url}/healthz`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.text()).toBe('');
  });

  it('answers a method the Fetch API cannot represent with 405', async () => {
    const url = await serve();
    const { port } = new URL(url);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const trace = httpRequest({ host: '127.0.0.1', port, path: '/chat', method: 'TRACE' });
      trace.on('response', (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      trace.on('error', reject);
      trace.end();
    });
    expect(status).toBe(405);
  });

  it('routes on the path as URL normalises it, whatever the Host header says', async () => {
    const url = await serve();
    const { port } = new URL(url);
    const post = (path: string, host: string) =>
      new Promise<number | undefined>((resolve, reject) => {
        const request = httpRequest({
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          headers: { ...json, host },
        });
        request.on('response', (response) => {
          response.resume();
          resolve(response.statusCode);
        });
        request.on('error', reject);
        request.end('{"text":"Hi"}');
      });
    // Dot segments and escapes are resolved before routing; an odd Host changes nothing.
    expect(await post('/chat', 'Proxy.Example:80')).toBe(200);
    expect(await post('/other/../chat', 'proxy.example')).toBe(200);
    expect(await post('/./chat?x=1', 'not a host name')).toBe(200);
    expect(await post('/%63hat', 'proxy.example')).toBe(404);
    expect(await post('/chat/..', 'proxy.example')).toBe(404);
    expect(harness.upstream.requests).toHaveLength(3);
  });

  it('keeps serving after a visitor hangs up mid-request', async () => {
    const url = await serve({ upstreamTimeoutMs: 5_000 });
    let release = () => {};
    harness.upstream.script({
      kind: 'reply',
      after: new Promise((resolve) => (release = resolve)),
    });
    const { port } = new URL(url);
    const aborted = httpRequest({
      host: '127.0.0.1',
      port,
      path: '/chat',
      method: 'POST',
      headers: json,
    });
    aborted.on('error', () => undefined);
    aborted.end('{"text":"Hi","client_message_id":"6c0a7e1d-2b3f-4c5d-8e9f-0a1b2c3d4e5f"}');
    await harness.upstream.received(1);
    aborted.destroy();
    release();
    // The visitor's retry gets the answer that was produced after they left, without a second call.
    const retry = await fetch(`${url}/chat`, {
      method: 'POST',
      headers: json,
      body: '{"text":"Hi","client_message_id":"6c0a7e1d-2b3f-4c5d-8e9f-0a1b2c3d4e5f"}',
    });
    expect(retry.status).toBe(200);
    expect(harness.upstream.requests).toHaveLength(1);
  });
});

describe('mounted in a plain node:http app under a prefix', () => {
  let app: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => app?.close(resolve));
    app?.closeAllConnections();
  });

  it('handles its routes and leaves the rest to the app', async () => {
    harness = await startHarness();
    const proxy = toNodeListener(
      createChatletProxy({
        provider: quickchatAt(harness.upstream.url),
        secret: TEST_SECRET,
        log: () => undefined,
      }),
    );
    app = createServer((req, res) => {
      if (req.url?.startsWith('/support/')) return proxy(req, res);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('the app itself');
    });
    await new Promise<void>((resolve) => app?.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;

    const chat = await fetch(`${base}/support/chat`, {
      method: 'POST',
      headers: json,
      body: '{"text":"Hi"}',
    });
    expect(chat.status).toBe(200);
    expect((await fetch(`${base}/support/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/`)).text()).toBe('the app itself');
  });
});
