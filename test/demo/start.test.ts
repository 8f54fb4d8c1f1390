import { afterEach, describe, expect, it } from 'vitest';
import { displayUrl, runDemo, type RunningDemoServer } from '../../src/demo/start.ts';

const running: RunningDemoServer[] = [];

afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

/** Runs `npm start`'s logic with captured output. */
async function run(env: Record<string, string | undefined>) {
  const out: string[] = [];
  const err: string[] = [];
  const result = await runDemo(env, {
    out: (line) => void out.push(line),
    err: (line) => void err.push(line),
    log: () => {},
  });
  if (result.exitCode === 0) running.push(result.server);
  return { ...result, out, err };
}

describe('runDemo (npm start)', () => {
  it('prints exactly one line with the real URL when PORT=0', async () => {
    const result = await run({ PORT: '0' });
    expect(result.exitCode).toBe(0);
    expect(result.err).toEqual([]);
    expect(result.out).toHaveLength(1);
    const match =
      /^Chatlet demo: (http:\/\/localhost:(\d+)\/) \(relaying to the embedded demo assistant\)$/.exec(
        result.out[0] ?? '',
      );
    expect(match?.[2]).not.toBe('0');
    // The printed URL is the one that works.
    const healthz = await fetch(new URL('/healthz', match?.[1]?.replace('localhost', '127.0.0.1')));
    expect(healthz.status).toBe(200);
  });

  it('names the upstream it relays to when credentials are set', async () => {
    const result = await run({
      PORT: '0',
      QUICKCHAT_API_KEY: 'key',
      QUICKCHAT_SCENARIO_ID: 'scenario',
      QUICKCHAT_API_URL: 'http://127.0.0.1:9/chat',
      CHATLET_SECRET: 'a-test-signing-secret-of-enough-length-123',
    });
    expect(result.out).toEqual([expect.stringMatching(/\(relaying to Quickchat\)$/)]);
  });

  it.each([
    [{ CHATLET_PROVIDER: 'nope' }, /^CHATLET_PROVIDER /],
    [{ PORT: 'abc' }, /^PORT /],
    [{ QUICKCHAT_API_KEY: 'key' }, /^QUICKCHAT_SCENARIO_ID /],
    [{ QUICKCHAT_APIKEY: 'key' }, /^QUICKCHAT_APIKEY .*did you mean QUICKCHAT_API_KEY\?$/],
    [{ PORT: '0', HOST: '10.255.255.1' }, /^HOST 10\.255\.255\.1 /],
  ])('refuses %j with one line naming the setting and exit code 1', async (env, named) => {
    const result = await run(env);
    expect(result.exitCode).toBe(1);
    expect(result.out).toEqual([]);
    expect(result.err).toEqual([expect.stringMatching(named)]);
    expect(result.err[0]).not.toContain('\n');
    expect(result.err[0]).not.toMatch(/\bat .*\(/);
  });

  it('says so in one line when the port is taken', async () => {
    const first = await run({ PORT: '0' });
    const port = first.exitCode === 0 ? new URL(first.server.url).port : '';
    const second = await run({ PORT: port });
    expect(second.exitCode).toBe(1);
    expect(second.err).toEqual([
      expect.stringMatching(new RegExp(`^PORT ${port} is already in use on 127.0.0.1: .*set PORT`)),
    ]);
  });
});

describe('displayUrl', () => {
  it('shows loopback and every-interface hosts as localhost', () => {
    expect(displayUrl('http://127.0.0.1:8787/')).toBe('http://localhost:8787/');
    expect(displayUrl('http://[::1]:8787/')).toBe('http://localhost:8787/');
    expect(displayUrl('http://0.0.0.0:9000/')).toBe('http://localhost:9000/');
    expect(displayUrl('http://192.168.1.20:8787/')).toBe('http://192.168.1.20:8787/');
  });
});
