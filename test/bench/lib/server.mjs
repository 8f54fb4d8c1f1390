// A loopback web server for the browser benchmarks: the host pages, Chatlet's build, the peers'
// installed files, and a stub of the chat endpoint. Static files are compressed the way a CDN would
// send them (brotli when the browser asks for it, else gzip), so "bytes transferred" means what a
// visitor pays. Listens on 127.0.0.1 only.
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** What the stub answers to a chat message (the Chatlet wire shape; the peers ignore it). */
const REPLY = JSON.stringify({
  conversation: 'bench-conversation',
  reply: 'Hello from the stub.',
  ord_number: 1,
  handoff: false,
  conversation_reset: false,
});

/**
 * @typedef {object} BenchServer
 * @property {string} origin                 e.g. http://127.0.0.1:41234
 * @property {Map<string, string>} pages     path → HTML, editable while the server runs
 * @property {() => number} chatHits         requests the `/chat` stub has answered
 * @property {() => Promise<void>} close
 */

/**
 * Starts the server. `mounts` maps a URL prefix (e.g. `/dist`) to a folder.
 * @param {Record<string, string>} mounts
 * @returns {Promise<BenchServer>}
 */
export async function startServer(mounts) {
  /** @type {Map<string, string>} */
  const pages = new Map();
  /** @type {Map<string, Buffer>} compressed bodies, per file and encoding */
  const cache = new Map();
  let chatHits = 0;

  /** @param {string} path @param {string} encoding */
  const compressed = (path, encoding) => {
    const key = `${encoding}:${path}`;
    let body = cache.get(key);
    if (!body) {
      const raw = readFileSync(path);
      body =
        encoding === 'br'
          ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
          : encoding === 'gzip'
            ? gzipSync(raw, { level: 9 })
            : raw;
      cache.set(key, body);
    }
    return body;
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/chat') {
      chatHits += 1;
      response.writeHead(request.method === 'OPTIONS' ? 204 : 200, {
        'content-type': 'application/json',
        'access-control-allow-origin': '*',
        'access-control-allow-headers': 'content-type',
      });
      response.end(request.method === 'POST' ? REPLY : undefined);
      return;
    }
    const page = pages.get(url.pathname);
    if (page !== undefined) {
      response.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
      response.end(page);
      return;
    }
    for (const [prefix, folder] of Object.entries(mounts)) {
      if (!url.pathname.startsWith(`${prefix}/`)) continue;
      const path = normalize(join(folder, decodeURIComponent(url.pathname.slice(prefix.length))));
      if (!path.startsWith(folder + sep) || !existsSync(path) || !statSync(path).isFile()) break;
      const accepts = String(request.headers['accept-encoding'] ?? '');
      const type = TYPES[extname(path)] ?? 'application/octet-stream';
      const compressible = /^(text|application\/(json|wasm))|svg/.test(type);
      const encoding = !compressible
        ? 'identity'
        : /\bbr\b/.test(accepts)
          ? 'br'
          : /\bgzip\b/.test(accepts)
            ? 'gzip'
            : 'identity';
      const headers = {
        'content-type': type,
        'cache-control': 'public, max-age=3600',
        'access-control-allow-origin': '*',
        vary: 'accept-encoding',
      };
      if (encoding !== 'identity') headers['content-encoding'] = encoding;
      response.writeHead(200, headers);
      response.end(compressed(path, encoding));
      return;
    }
    // Anything else (favicon, the peers' calls to their dummy API host) is a quick 404.
    response.writeHead(404, {
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
    });
    response.end('{"error":"not found"}');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    pages,
    chatHits: () => chatHits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
