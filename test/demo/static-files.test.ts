import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticFiles } from '../../src/demo/static-files.ts';

let root: string;
let serve: (request: Request) => Promise<Response>;
let withoutBuild: (request: Request) => Promise<Response>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'chatlet-static-'));
  await mkdir(join(root, 'public', 'guide'), { recursive: true });
  await mkdir(join(root, 'dist', 'npm'), { recursive: true });
  await writeFile(join(root, 'public', 'index.html'), '<!doctype html><title>Home</title>');
  await writeFile(join(root, 'public', 'demo.css'), 'body { color: black; }');
  await writeFile(join(root, 'public', 'guide', 'index.html'), '<title>Guide</title>');
  await writeFile(join(root, 'public', '.env'), 'SECRET=1');
  await writeFile(join(root, 'dist', 'chatlet.js'), 'console.log("widget");');
  await writeFile(join(root, 'dist', 'chatlet.css'), '.x{}');
  await writeFile(join(root, 'dist', 'npm', 'cli.js'), 'private');
  await writeFile(join(root, 'secret.txt'), 'outside the served folders');
  serve = createStaticFiles({ publicDir: join(root, 'public'), distDir: join(root, 'dist') });
  withoutBuild = createStaticFiles({
    publicDir: join(root, 'public'),
    distDir: join(root, 'missing-dist'),
  });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const get = (path: string, method = 'GET') =>
  serve(new Request(`http://demo.test${path}`, { method }));

describe('createStaticFiles', () => {
  it('serves the demo page at / as HTML', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Home</title>');
  });

  it('serves pages and style sheets with their content types', async () => {
    expect((await get('/index.html')).headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await get('/demo.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await (await get('/guide/')).text()).toContain('Guide');
  });

  it('serves the built widget and other top-level build files from dist', async () => {
    const widget = await get('/chatlet.js');
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await widget.text()).toBe('console.log("widget");');
    expect((await get('/chatlet.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('keeps the npm build private', async () => {
    expect((await get('/npm/cli.js')).status).toBe(404);
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await get('/chatlet.js', 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String('console.log("widget");'.length));
    expect(await response.text()).toBe('');
  });

  it('refuses other methods with 405 and Allow', async () => {
    const response = await get('/index.html', 'POST');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 404 for unknown paths and folders without an index', async () => {
    expect((await get('/nope.html')).status).toBe(404);
    expect((await get('/guide')).status).toBe(404);
  });

  it.each([
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/guide/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%2fdist%2fnpm%2fcli.js',
    '/chatlet.js%00.html',
    '/.env',
  ])('refuses %s', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toMatch(/outside the served folders|SECRET|private/);
  });

  it('answers 400 to malformed percent-encoding', async () => {
    expect((await get('/%E0%A4%A.html')).status).toBe(400);
  });

  it('says how to build when the widget has not been built', async () => {
    const response = await withoutBuild(new Request('http://demo.test/chatlet.js'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toMatch(/npm run build/);
  });
});
