/**
 * The script-tag entry, built to `dist/chatlet.js`: the loader. It carries only what the launcher
 * needs (loader-options.ts, shell.ts) and loads the panel stage when it is wanted (staged.ts).
 * `document.currentScript` is set only during the synchronous first run of a classic script (async
 * included), so it is captured before anything else; it is `null` inside callbacks.
 */
import type { ChatletHandle } from './handle.ts';
import { readLoaderOptions } from './loader-options.ts';
import { panelChunk } from './panel-chunk.ts';
import { report } from './report.ts';
import { mountStaged } from './staged.ts';
import { teaserChunk } from './teaser-chunk.ts';

// An HTML page's current script is an HTML <script> (an SVG <script> would have no `integrity`,
// which reads as "not pinned").
const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[data-endpoint]');

declare global {
  interface Window {
    /** The script-tag widget's API handle (see ChatletHandle). */
    Chatlet?: ChatletHandle;
  }
}

function start(): void {
  if (window.Chatlet) {
    console.warn('Chatlet: the widget is already on this page; the second script tag is ignored.');
    return;
  }
  const read = (name: string): string | null => script?.getAttribute(name) ?? null;
  let api: ChatletHandle;
  try {
    const options = readLoaderOptions(read, document.documentElement.lang);
    // On <html>, not <body>: a transformed (or filtered) body would become the containing block
    // of the position:fixed launcher and panel and carry them away from the viewport's corner.
    const source = { load: panelChunk(script, options.lang), teaser: teaserChunk(script, read) };
    api = mountStaged(document.documentElement, options, read, source, () => {
      if (window.Chatlet === api) delete window.Chatlet;
    });
    // The panel stage is on its way to name the attribute to fix (one line); the widget then goes,
    // never having been offered to the page.
    if (options.refused) return;
  } catch (error) {
    // Styles the page's CSP refused: one line, nothing is rendered.
    report(error);
    return;
  }
  window.Chatlet = api;
  // For page code that runs before this async script: listen for this instead of polling.
  window.dispatchEvent(new CustomEvent('chatlet:ready', { detail: api }));
}

if (document.body) start();
else document.addEventListener('DOMContentLoaded', start, { once: true });
