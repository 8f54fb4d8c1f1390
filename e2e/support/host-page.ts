import type { Page } from '@playwright/test';

/** A host page: markup for head and body, the script tag, and response headers such as a CSP. */
export interface HostPage {
  head?: string;
  body?: string;
  script: string;
  headers?: Record<string, string>;
}

/**
 * Serves a host page on the server's own origin, like `openTestPage`, but with the response
 * headers the test chooses (a `Content-Security-Policy`, say), and opens it.
 */
export async function openHostPage(page: Page, origin: string, host: HostPage): Promise<void> {
  const url = new URL('/host-page.html', origin).href;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Hostile host page</title>${host.head ?? ''}</head>
<body><main><h1>Host page</h1>${host.body ?? ''}</main>${host.script}</body></html>`;
  await page.route(url, (route) =>
    route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', ...host.headers },
      body: html,
    }),
  );
  await page.goto(url);
}
