import { afterEach, describe, expect, it } from 'vitest';
import { runDemoProxy } from '../../src/demo/demo-proxy.ts';
import { runCli } from '../../src/proxy/node/run-cli.ts';
import { ProxyConfigError } from '../../src/proxy/index.ts';
import { startQuickchatStandIn, type QuickchatStandIn } from '../support/quickchat-stand-in.ts';

let stop: (() => Promise<void>) | undefined;
let upstream: QuickchatStandIn | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
  await upstream?.close();
  upstream = undefined;
});

/** Collects printed lines; `start` runs one of the CLI's two paths on a free port. */
async function start(
  run: typeof runCli,
  env: Record<string, string>,
): Promise<{ line: string; url: string }> {
  const lines: string[] = [];
  stop = await run({ PORT: '0', ...env }, (line) => void lines.push(line));
  expect(lines).toHaveLength(1);
  const line = lines[0] ?? '';
  return { line, url: /(http:\/\/\S+\/chat)/.exec(line)?.[1] ?? '' };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('chatlet-proxy', () => {
  it('runs the demo assistant with CHATLET_PROVIDER=demo, allowing its own loopback origin', async () => {
    const { line, url } = await start(runDemoProxy, { CHATLET_PROVIDER: 'demo' });
    expect(line).toContain('demo assistant');
    const port = new URL(url).port;
    const response = await post(
      url,
      { text: 'How do refunds work?', client_metadata: { kb_topic: 'billing' } },
      { origin: `http://localhost:${port}` },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(`http://localhost:${port}`);
    const body = (await response.json()) as Record<string, unknown>;
    expect(typeof body['reply']).toBe('string');
    expect(typeof body['conversation']).toBe('string');
  });

  it('relays to Quickchat when credentials are set', async () => {
    upstream = await startQuickchatStandIn({ apiKey: 'cli-key', scenarioId: 'cli-scenario' });
    const { line, url } = await start(runCli, {
      QUICKCHAT_API_KEY: 'cli-key',
      QUICKCHAT_SCENARIO_ID: 'cli-scenario',
      QUICKCHAT_API_URL: upstream.url,
      CHATLET_SECRET: 'c'.repeat(40),
    });
    expect(line).toContain('(quickchat)');
    expect((await post(url, { text: 'Hi' })).status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
  });

  it('refuses a wrong setting before listening', async () => {
    await expect(runCli({ QUICKCHAT_API_KEY: 'k', PORT: '0' }, () => undefined)).rejects.toThrow(
      ProxyConfigError,
    );
  });

  it('names PORT when the port is taken', async () => {
    const { url } = await start(runDemoProxy, { CHATLET_PROVIDER: 'demo' });
    const port = new URL(url).port;
    const env = { CHATLET_PROVIDER: 'demo', PORT: port };
    await expect(runDemoProxy(env, () => undefined)).rejects.toThrow(
      new RegExp(`^PORT ${port} is already in use on 127.0.0.1: `),
    );
  });

  it('names HOST when the address is not this machine\u2019s', async () => {
    const env = {
      QUICKCHAT_API_KEY: 'k',
      QUICKCHAT_SCENARIO_ID: 's',
      CHATLET_SECRET: 'c'.repeat(40),
    };
    await expect(
      runCli({ ...env, PORT: '0', HOST: '10.255.255.1' }, () => undefined),
    ).rejects.toThrow(/^HOST 10\.255\.255\.1 is not an address of this machine/);
  });
});
