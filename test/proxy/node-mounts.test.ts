import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toNodeListener, type NextFunction } from '../../src/proxy/node/index.ts';
import { startHarness, type Harness } from '../support/proxy-harness.ts';

// The proxy mounted in an app the way Express runs middleware: a chain of (req, res, next), over
// real HTTP. The "parser" does what express.json() does: reads the stream, leaves req.body.
type Middleware = (req: IncomingMessage, res: ServerResponse, next: NextFunction) => void;

const jsonParser =
  (keep: 'object' | 'nothing'): Middleware =>
  (req, _res, next) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += String(chunk)));
    req.on('end', () => {
      if (keep === 'object') (req as { body?: unknown }).body = JSON.parse(raw || '{}');
      next();
    });
  };

let harness: Harness;
let close: (() => void) | undefined;
afterEach(async () => {
  close?.();
  await harness.close();
  vi.restoreAllMocks();
});

async function app(chain: Middleware[]): Promise<string> {
  harness = await startHarness();
  const proxy = toNodeListener(harness.handler);
  const server = createServer((req, res) => {
    const steps: Middleware[] = [...chain, proxy, (_q, r) => r.writeHead(404).end('app fallback')];
    const next = (): void => steps.shift()?.(req, res, next);
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => server.close();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const post = (url: string) =>
  fetch(`${url}/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'Hi' }),
    signal: AbortSignal.timeout(5_000),
  });

describe('the Node adapter mounted in an app', () => {
  it('uses the body a parser in front of it already read (express.json())', async () => {
    const url = await app([jsonParser('object')]);
    const response = await post(url);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ reply: 'Hello! You said: Hi' });
    expect(harness.upstream.requests).toHaveLength(1);
  });

  it('answers at once with a 500 naming the fix when a parser consumed the body and kept nothing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const url = await app([jsonParser('nothing')]);
    const response = await post(url);
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/mount the proxy before express\.json\(\)/);
    expect(error).toHaveBeenCalledTimes(1);
    expect(harness.upstream.requests).toHaveLength(0);
  });

  it("hands paths it does not serve to the app's next handler", async () => {
    const url = await app([]);
    const response = await fetch(`${url}/support/pricing`);
    expect([response.status, await response.text()]).toEqual([404, 'app fallback']);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
