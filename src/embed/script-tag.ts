/**
 * The script-tag entry, built to `dist/chatlet.js`. `document.currentScript` is set only during the
 * synchronous first run of a classic script (async included), so it is captured before anything
 * else; it is `null` inside callbacks.
 */
import { isChatletError } from '../core/errors.ts';
import { resolveOptions } from '../core/options.ts';
import { readAttributes } from './attributes.ts';
import type { ChatletHandle } from './handle.ts';
import { panelLoader } from './panel-chunk.ts';
import { mountStaged } from './staged.ts';

const script =
  document.currentScript instanceof HTMLScriptElement
    ? document.currentScript
    : document.querySelector<HTMLScriptElement>('script[data-endpoint]');

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
  let handle: ChatletHandle;
  try {
    const attributes = readAttributes((name) => script?.getAttribute(name) ?? null);
    const options = resolveOptions({ endpoint: '', ...attributes }, document.documentElement.lang);
    handle = mountStaged(document.body, options, panelLoader(script?.src));
  } catch (error) {
    // Exactly one line, naming the attribute to fix; nothing is rendered.
    console.error(isChatletError(error) ? `Chatlet: ${error.message}` : error);
    return;
  }
  const api: ChatletHandle = {
    ...handle,
    destroy() {
      handle.destroy();
      if (window.Chatlet === api) delete window.Chatlet;
    },
  };
  window.Chatlet = api;
  // For page code that runs before this async script: listen for this instead of polling.
  window.dispatchEvent(new CustomEvent('chatlet:ready', { detail: api }));
}

if (document.body) start();
else document.addEventListener('DOMContentLoaded', start, { once: true });
