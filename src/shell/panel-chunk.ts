import { ChatletError } from '../core/errors.ts';
import { offerKit } from './panel-kit.ts';
import type { PanelSource, PanelStage } from './staged.ts';

/** The package version, set by the build (vite.config.ts `define`). */
declare const __CHATLET_VERSION__: string;
/** The `sha384-…` hash of the built dist/chatlet-panel.js, written by the build (vite.config.ts). */
declare const __CHATLET_PANEL_INTEGRITY__: string;

/** The event the panel's entry (src/embed/panel-entry.ts) hands its stage over with, on `document`. */
export const PANEL_EVENT = 'chatlet-panel';

/**
 * The script tag's panel stage, `chatlet-panel.js` from beside the loader. It is a classic script,
 * not a module: a module from another origin needs CORS headers, which a plain bucket or CDN may not
 * send, and the launcher would be dead. The version in the query keeps a cached loader and panel of
 * different releases from meeting.
 *
 * When the site pins the loader with `integrity`, the panel is pinned too, by the hash the build
 * wrote into this loader, and fetched with CORS as Subresource Integrity requires: a panel that does
 * not match is refused by the browser and never runs.
 *
 * The panel announces its stage with a {@link PANEL_EVENT} event on `document` while it runs, which
 * works whether it was evaluated as a classic script (from another origin, or pinned) or as a
 * module (from the page's own origin, where a strict CSP's Trusted Types would report the script).
 *
 * No idle prefetch: Firefox checks `<link rel=prefetch>` against `default-src`, which the strict
 * CSP the README recommends sets to 'none' (a violation report on every page view), and a
 * visitor who never touches the widget then downloads nothing but the loader. `load` fetches and
 * evaluates it on hover, focus or first use; a hover starts it before the click lands.
 */
export function panelSource(loader: HTMLScriptElement | null): PanelSource {
  const url = new URL(`chatlet-panel.js?v=${__CHATLET_VERSION__}`, loader?.src || location.href)
    .href;
  const pinned = !!loader?.integrity;
  const add = (element: HTMLScriptElement): void => {
    if (pinned) element.crossOrigin = 'anonymous';
    document.head.append(element);
  };
  return {
    load: () =>
      new Promise((resolve, reject) => {
        // The panel asks for the code it shares with this loader while it starts (panel-kit.ts).
        const withdraw = offerKit();
        const failed = (): void => {
          withdraw();
          reject(
            new ChatletError(
              'network',
              `could not load ${url}${pinned ? ' (or it failed its integrity check)' : ''}: serve chatlet-panel.js of this release beside chatlet.js.`,
            ),
          );
        };
        // Whichever comes first wins: the stage (while the script runs) or the end of the script.
        let got = false;
        const take = (event: Event): void => {
          const stage = (event as CustomEvent<PanelStage | null>).detail;
          if (!stage) return;
          got = true;
          withdraw();
          document.removeEventListener(PANEL_EVENT, take);
          resolve(stage);
        };
        document.addEventListener(PANEL_EVENT, take);
        // A panel that already ran on this page answers this detail-less request at once: a module
        // is evaluated once per page, so a script tag added again after destroy() would wait forever.
        document.dispatchEvent(new CustomEvent(PANEL_EVENT));
        if (got) return;
        // From the page's own origin, a module import needs no CORS and is no Trusted Types sink
        // (a script URL given as a string is: a strict CSP would report it). Pinned, the classic
        // script carries the hash, which an import cannot.
        if (!pinned && new URL(url).origin === location.origin) {
          return void import(/* @vite-ignore */ url).catch(failed);
        }
        const script = document.createElement('script');
        script.src = url;
        if (pinned) script.integrity = __CHATLET_PANEL_INTEGRITY__;
        // oxlint-disable-next-line unicorn/prefer-add-event-listener -- fewer bytes in the loader.
        script.onload = script.onerror = () => {
          script.remove();
          failed();
        };
        add(script);
      }),
  };
}
