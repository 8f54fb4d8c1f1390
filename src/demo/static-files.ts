import { readFile, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { contentTypeOf } from './content-types.ts';

/** Where {@link createStaticFiles} finds its files. */
export interface StaticFilesOptions {
  /** The demo pages (`public/`), served at `/`. */
  publicDir: string;
  /** The build output (`dist/`); only its top-level `.js`, `.css` and `.map` files are served. */
  distDir: string;
}

/**
 * Top-level build files such as `/chatlet.js` (and any chunk or style sheet the bundle may load
 * later). Only one path segment, so `dist/npm/` and `dist/types/` stay private.
 */
const DIST_FILE = /^\/[A-Za-z0-9][\w.-]*\.(js|css|map)$/;

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  // The demo is rebuilt while it is being tried; never let a browser keep a stale widget.
  'cache-control': 'no-cache',
};

/**
 * Creates a `Request → Response` handler for the demo's static files: the pages from `public/` and
 * the built widget from `dist/`. GET and HEAD only; paths that are malformed, leave their folder
 * (also when encoded, `..%2f`) or name a hidden file are answered like any unknown path.
 */
export function createStaticFiles(
  options: StaticFilesOptions,
): (request: Request) => Promise<Response> {
  const publicDir = resolve(options.publicDir);
  const distDir = resolve(options.distDir);

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return text(405, 'Only GET and HEAD are allowed here.', { allow: 'GET, HEAD' });
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url).pathname);
    } catch {
      return text(400, 'Malformed URL encoding.');
    }
    if (path.endsWith('/')) path += 'index.html';

    // Build files win over a page's file of the same name; the pages are looked up second.
    const roots = DIST_FILE.test(path) ? [distDir, publicDir] : [publicDir];
    let found: Uint8Array<ArrayBuffer> | undefined;
    for (const root of roots) {
      const file = safeJoin(root, path);
      found = file === undefined ? undefined : await readRegularFile(file);
      if (found !== undefined) break;
    }
    if (found === undefined) {
      if (path === '/chatlet.js') {
        return text(404, 'dist/chatlet.js is not built yet: run `npm run build` (npm start does).');
      }
      return text(404, `Not found: ${path}`);
    }
    const headers = {
      ...BASE_HEADERS,
      'content-type': contentTypeOf(path),
      'content-length': String(found.byteLength),
    };
    return new Response(request.method === 'HEAD' ? null : found, { status: 200, headers });
  };
}

/** `root` joined with the URL path, or `undefined` when the path would leave `root`. */
function safeJoin(root: string, path: string): string | undefined {
  const segments = path.split('/').slice(1);
  // A backslash is a separator on Windows; NUL truncates paths in some file APIs.
  if (path.includes('\\') || path.includes('\0')) return undefined;
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return undefined;
  const file = resolve(root, ...segments);
  return file.startsWith(root + sep) ? file : undefined;
}

async function readRegularFile(file: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
  try {
    if (!(await stat(file)).isFile()) return undefined;
    // Copied into a plain Uint8Array, which is what `Response` accepts; the files are small.
    return new Uint8Array(await readFile(file));
  } catch {
    return undefined;
  }
}

function text(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { ...BASE_HEADERS, 'content-type': 'text/plain; charset=utf-8', ...headers },
  });
}
