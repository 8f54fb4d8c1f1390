import { afterEach, describe, expect, it } from 'vitest';
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

/** Starts the CLI on a free port and returns the one line it printed. */
async function start(env: Record<string, string>): Promise<string> {
  const lines: string[] = [];
  stop = await runCli({ PORT: '0', ...env }, (line) => void lines.push(line));
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
}

describe('chatlet-proxy', () => {
  it('runs the demo assistant with no credentials and prints one URL', async () => {
    const line = await start({});
    const url = /(http:\/\/\S+\/chat)/.exec(line)?.[1];
    expect(url).toBeDefined();
    const response = await fetch(String(url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        text: 'How do refunds work?',
        client_metadata: { kb_topic: 'billing' },
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(typeof body['reply']).toBe('string');
    expect(typeof body['conversation']).toBe('string');
  });

  it('relays to Quickchat when credentials are set', async () => {
    upstream = await startQuickchatStandIn({ apiKey: 'cli-key', scenarioId: 'cli-scenario' });
    const line = await start({
      QUICKCHAT_API_KEY: 'cli-key',
      QUICKCHAT_SCENARIO_ID: 'cli-scenario',
      QUICKCHAT_API_URL: upstream.url,
      CHATLET_SECRET: 'c'.repeat(40),
    });
    expect(line).toContain('(quickchat)');
    const url = /(http:\/\/\S+\/chat)/.exec(line)?.[1];
    const response = await fetch(String(url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"Hi"}',
    });
    expect(response.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
  });

  it('refuses a wrong setting before listening', async () => {
    await expect(runCli({ QUICKCHAT_API_KEY: 'k', PORT: '0' }, () => undefined)).rejects.toThrow(
      ProxyConfigError,
    );
  });
});
