import type { Page } from '@playwright/test';

/**
 * Serves a test page at `path` on the server's own origin (intercepted by Playwright), so the page,
 * the built `/chatlet.js` and `/chat` share one origin exactly as on a site owner's page.
 */
export async function openTestPage(
  page: Page,
  origin: string,
  options: { path?: string; lang?: string; head?: string; body?: string; script: string },
): Promise<void> {
  const path = options.path ?? '/e2e-page.html';
  const html = `<!doctype html>
<html lang="${options.lang ?? 'en'}"><head><meta charset="utf-8"><title>E2E host page</title>${options.head ?? ''}</head>
<body><main><h1>Host page</h1>${options.body ?? ''}</main>${options.script}</body></html>`;
  await page.route(new URL(path, origin).href, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await page.goto(new URL(path, origin).href);
}

/** The script tag a site owner pastes, with the given data attributes. */
export function scriptTag(attributes: Record<string, string>): string {
  const attrs = Object.entries(attributes)
    .map(([name, value]) => ` data-${name}="${value.replaceAll('"', '&quot;')}"`)
    .join('');
  return `<script src="/chatlet.js" async${attrs}></script>`;
}
