import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A host page: its markup and the response headers it is served with (a CSP, say). */
export interface ServedPage {
  html: string;
  headers?: Record<string, string>;
}

/** A loopback origin that serves the pages a test registers and forwards everything else. */
export interface PageServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  /** Serves `page` at `path` from now on; returns its full URL. */
  serve(path: string, page: ServedPage): string;
  /** Sets the origin every other request is passed on to (the built demo server). */
  forwardTo(target: string): void;
  close(): Promise<void>;
}

/**
 * Starts a page server on 127.0.0.1. Browsers driven through WebDriver cannot intercept requests
 * the way Playwright's `page.route` does, so the host pages come from a real server instead: paths
 * registered with `serve` (and the small scripts a test page may put before the widget, `files`)
 * are answered here, every other request is passed on unchanged to the `forwardTo` target (the
 * built demo server), so the page, `/chatlet.js` and `/chat` share one origin as on a site owner's
 * page. The target is set after start because the demo server must be told this origin first.
 */
export async function startPageServer(files: Record<string, string> = {}): Promise<PageServer> {
  const pages = new Map<string, ServedPage>();
  for (const [path, source] of Object.entries(files)) {
    pages.set(path, { html: source, headers: { 'content-type': 'text/javascript' } });
  }
  let upstream: URL | undefined;
  const server: Server = createServer((req, res) => {
    const page = pages.get(new URL(req.url ?? '/', 'http://page.test').pathname);
    if (page !== undefined) {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        ...page.headers,
      });
      res.end(page.html);
      return;
    }
    if (upstream === undefined) {
      res.writeHead(503).end('The page server has no target yet.');
      return;
    }
    // The Host header is kept: to the proxy this is a request to the page's own origin.
    const relay = forward(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) relay.setHeader(name, value);
    }
    relay.on('error', () => res.destroy());
    req.pipe(relay);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    serve(path, page) {
      pages.set(path, page);
      return origin + path;
    },
    forwardTo(target) {
      upstream = new URL(target);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
