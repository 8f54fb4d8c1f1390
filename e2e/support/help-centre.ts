import type { Page } from '@playwright/test';
import { openTestPage, scriptTag } from './pages.ts';

const ARTICLE = Array.from(
  { length: 12 },
  (_, index) => `<p>Paragraph ${index + 1} of the article about invoices and refunds.</p>`,
).join('');

/** A help-centre page: navigation, an article and, beside it, the element the chat fills. */
export const HELP_CENTRE = `
<style>
  .help { display: grid; grid-template-columns: 1fr 360px; gap: 24px; }
  #help-chat { height: 520px; }
  @media (max-width: 600px) { .help { grid-template-columns: 1fr; } }
</style>
<nav aria-label="Help topics"><a href="#orders">Orders</a> <a href="#refunds">Refunds</a></nav>
<div class="help">
  <article><h2>Refunds</h2>${ARTICLE}</article>
  <aside aria-label="Ask us"><h2>Ask us</h2><div id="help-chat"></div></aside>
</div>`;

/**
 * Opens the help-centre page on `origin` with the script tag in `<head>` (so it may run before the
 * element it fills exists), in inline mode filling `#help-chat`, plus `attributes`.
 */
export async function openHelpCentre(
  page: Page,
  origin: string,
  attributes: Record<string, string> = {},
  lang?: string,
): Promise<void> {
  await openTestPage(page, origin, {
    ...(lang ? { lang } : {}),
    head: scriptTag({ endpoint: '/chat', mode: 'inline', target: '#help-chat', ...attributes }),
    body: HELP_CENTRE,
    script: '',
  });
}
