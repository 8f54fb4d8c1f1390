import type { PanelLoader } from './staged.ts';

/** The package version, set by the build (vite.config.ts `define`). */
declare const __CHATLET_VERSION__: string;

/**
 * Loads the panel stage for the script tag. The stage (Preact, the conversation, rich text) is built
 * as its own ES module, `chatlet-panel.js`, and imported from beside the loader script, so a visitor
 * who never touches the widget downloads only the small loader. The version in the query
 * keeps a cached loader and panel of different releases from meeting.
 *
 * No `<link rel="modulepreload">`: the loader's prefetch (hover, focus, idle after load; staged.ts)
 * already imports the module, and a preload hint inserted while the page loads would compete with
 * the page's own requests, which a visitor who never touches the widget should not pay for.
 */
export function panelLoader(scriptSrc: string | undefined): PanelLoader {
  return () => {
    const url = new URL(`chatlet-panel.js?v=${__CHATLET_VERSION__}`, scriptSrc || location.href);
    return import(/* @vite-ignore */ url.href);
  };
}
