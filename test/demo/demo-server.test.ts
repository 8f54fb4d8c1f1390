import { request as httpRequest } from 'node:http';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_SCENARIO_ID } from '../../src/demo/credentials.ts';
import { startDemoServer, type RunningDemoServer } from '../../src/demo/start.ts';
import { isProxyConfigError } from '../../src/proxy/index.ts';
import { startQuickchatStandIn } from '../support/quickchat-stand-in.ts';

const WIDGET = '/* the built widget */';
let root: string;
let unbuilt: string;
const running: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  // A package root like the real one: the real demo pages, a stand-in build, a file outside both.
  root = await mkdtemp(join(tmpdir(), 'chatlet-demo-root-'));
  await cp(fileURLToPath(new URL('../../public', import.meta.url)), join(root, 'public'), {
    recursive: true,
  });
  await mkdir(join(root, 'dist', 'npm'), { recursive: true });
  await writeFile(join(root, 'dist', 'chatlet.js'), WIDGET);
  await writeFile(join(root, 'dist', 'npm', 'cli.js'), '/* private */');
  await writeFile(join(root, 'package.json'), '{"secret": "outside public"}');
  unbuilt = await mkdtemp(join(tmpdir(), 'chatlet-demo-unbuilt-'));
  await cp(join(root, 'public'), join(unbuilt, 'public'), { recursive: true });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(unbuilt, { recursive: true, force: true });
});

afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

async function start(
  env: Record<string, string | undefined> = {},
  rootDir = root,
): Promise<RunningDemoServer & { lines: string[] }> {
  const lines: string[] = [];
  const server = await startDemoServer({
    port: 0,
    env,
    rootDir,
    log: (line) => void lines.push(line),
  });
  running.push(server);
  return { ...server, lines };
}

/** Every byte of an answer the browser would see: status, headers and body. */
interface Seen {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

async function chat(server: RunningDemoServer, body: unknown): Promise<Seen> {
  const url = new URL('/chat', server.url);
  // The browser sends the page's origin with every POST; here it is the server's own.
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url.origin },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) };
}

function everything(seen: Seen[]): string {
  return seen
    .map((one) => `${one.status} ${JSON.stringify([...one.headers])} ${one.text}`)
    .join('\n');
}

/** A GET with the path sent exactly as written (fetch would normalise `/../`). */
function rawGet(
  server: RunningDemoServer,
  path: string,
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startDemoServer with no credentials (npm start)', () => {
  it('serves the demo page and the built widget on the origin it reports', async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.provider).toBe('demo');
    const page = await fetch(server.url);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toMatch(/<script\s+src="\/chatlet\.js"/);
    const widget = await fetch(new URL('/chatlet.js', server.url));
    expect(widget.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await widget.text()).toBe(WIDGET);
    expect((await fetch(new URL('/versand.html', server.url))).status).toBe(200);
    expect(server.lines.filter((line) => line.startsWith('Warning'))).toEqual([]);
  });

  it('answers /healthz through the proxy', async () => {
    const server = await start();
    const response = await fetch(new URL('/healthz', server.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.text()).not.toContain(DEMO_API_KEY);
  });

  it('chats with the embedded assistant through the proxy, filtered by kb_topic', async () => {
    const server = await start();
    const first = await chat(server, {
      text: 'Where do I find my invoice?',
      client_metadata: { kb_topic: 'billing' },
    });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      reply: expect.stringContaining('Orders → Invoices'),
      ord_number: 2,
      conversation_reset: false,
      conversation: expect.any(String),
    });

    const second = await chat(server, {
      text: 'How do I reset my password?',
      conversation: first.json['conversation'],
      client_metadata: { kb_topic: 'billing' },
    });
    // Same conversation upstream (ord_number goes on), and still only billing articles.
    expect(second.json).toMatchObject({ ord_number: 4, conversation_reset: false });
    expect(second.json['reply']).toContain('“billing”');

    const third = await chat(server, {
      text: 'How do I reset my password?',
      conversation: second.json['conversation'],
      client_metadata: { kb_topic: 'account' },
    });
    expect(third.json).toMatchObject({ ord_number: 6 });
    expect(third.json['reply']).toContain('Forgot password?');
    expect(everything([first, second, third])).not.toContain(DEMO_API_KEY);
    expect(everything([first, second, third])).not.toContain(DEMO_SCENARIO_ID);
  });

  it('answers in German on the German page', async () => {
    const server = await start();
    const reply = await chat(server, {
      text: 'Was kostet der Versand?',
      client_metadata: { kb_topic: 'shipping' },
    });
    expect(reply.json['reply']).toContain('4,90 €');
  });

  it.each(['/../package.json', '/..%2fpackage.json', '/%2e%2e/package.json', '/npm/cli.js'])(
    'refuses %s over HTTP',
    async (path) => {
      const server = await start();
      const response = await rawGet(server, path);
      expect(response.status).toBe(404);
      expect(response.body).not.toMatch(/secret|private/);
    },
  );

  it('answers 404 for an unknown path and 405 for a POST to a page', async () => {
    const server = await start();
    expect((await fetch(new URL('/nope', server.url))).status).toBe(404);
    const post = await fetch(server.url, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
  });

  it('warns when the widget is not built and says how to build it', async () => {
    const server = await start({}, unbuilt);
    expect(server.lines.filter((line) => line.includes('npm run build'))).toHaveLength(1);
    const widget = await fetch(new URL('/chatlet.js', server.url));
    expect(widget.status).toBe(404);
    expect(await widget.text()).toContain('npm run build');
  });

  it('stops serving once closed', async () => {
    const server = await startDemoServer({ port: 0, env: {}, rootDir: root, log: () => {} });
    await server.close();
    await expect(fetch(server.url)).rejects.toThrow('fetch failed');
  });
});

describe('startDemoServer with Quickchat credentials', () => {
  const apiKey = 'qc-live-key-4f1b2c3d';
  const scenarioId = 'scenario-77';

  it('relays to the configured Quickchat URL instead of the demo assistant', async () => {
    const upstream = await startQuickchatStandIn({ apiKey, scenarioId });
    running.push(upstream);
    const server = await start({
      QUICKCHAT_API_KEY: apiKey,
      QUICKCHAT_SCENARIO_ID: scenarioId,
      QUICKCHAT_API_URL: upstream.url,
      CHATLET_SECRET: 'a-test-signing-secret-of-enough-length-123',
    });
    expect(server.provider).toBe('quickchat');

    const first = await chat(server, { text: 'Hi', client_metadata: { kb_topic: 'billing' } });
    const second = await chat(server, {
      text: 'Again',
      conversation: first.json['conversation'],
      client_metadata: { kb_topic: 'billing' },
    });
    expect(first.json['reply']).toBe('Hello! You said: Hi');
    expect(second.json).toMatchObject({ reply: 'You said: Again', ord_number: 4 });
    expect(upstream.requests.map((request) => request.body)).toEqual([
      expect.objectContaining({
        api_key: apiKey,
        scenario_id: scenarioId,
        client_metadata: { kb_topic: 'billing' },
      }),
      expect.objectContaining({ conv_id: 'conv1', client_metadata: { kb_topic: 'billing' } }),
    ]);
    expect(everything([first, second])).not.toContain(apiKey);
  });

  it('relays with the key alone, signing with a random secret for this run and saying so', async () => {
    const upstream = await startQuickchatStandIn({ apiKey, scenarioId });
    running.push(upstream);
    const notices: string[] = [];
    const server = await startDemoServer({
      port: 0,
      rootDir: root,
      log: (line) => notices.push(line),
      env: {
        QUICKCHAT_API_KEY: apiKey,
        QUICKCHAT_SCENARIO_ID: scenarioId,
        QUICKCHAT_API_URL: upstream.url,
      },
    });
    running.push(server);
    const first = await chat(server, { text: 'Hi' });
    const second = await chat(server, { text: 'Again', conversation: first.json['conversation'] });
    expect(second.json).toMatchObject({ reply: 'You said: Again', conversation_reset: false });
    expect(notices.filter((line) => line.includes('CHATLET_SECRET is not set'))).toHaveLength(1);
  });

  it('refuses to start with a setting missing, naming it in one line', async () => {
    const failure = await startDemoServer({
      port: 0,
      env: { QUICKCHAT_API_KEY: apiKey },
      rootDir: root,
      log: () => {},
    }).catch((error: unknown) => error);
    expect(isProxyConfigError(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/QUICKCHAT_SCENARIO_ID/);
    expect((failure as Error).message).not.toContain('\n');
  });
});
