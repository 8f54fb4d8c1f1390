import { ChatletError } from '../core/errors.ts';

/**
 * Loads `file` from beside the loader and resolves to what it hands over with an `event` on
 * `document` while it runs (src/embed/panel-entry.ts, src/shell/teaser-entry.ts). It is a classic
 * script, not a module: a module from another origin needs CORS headers, which a plain bucket or
 * CDN may not send. The version in the query keeps a cached loader and file of different releases
 * from meeting.
 *
 * When the site pins the loader with `integrity`, the file is pinned too, by the hash the build
 * wrote into this loader (vite.config.ts), and fetched with CORS as Subresource Integrity requires:
 * a file that does not match is refused by the browser and never runs. From the page's own origin,
 * unpinned, it is imported as a module instead: that needs no CORS and is no Trusted Types sink (a
 * script URL given as a string is: a strict CSP would report it). `during` runs while the file
 * loads and returns its undo (the panel's kit, panel-kit.ts).
 */
export function besideLoader<T>(
  loader: HTMLScriptElement | null,
  file: string,
  event: string,
  integrity: string,
  during: () => () => void = () => () => {},
): () => Promise<T> {
  const url = besideUrl(loader, file);
  const pinned = !!loader?.integrity;
  return () =>
    new Promise((resolve, reject) => {
      const withdraw = during();
      const failed = (): void => {
        withdraw();
        reject(
          new ChatletError(
            'network',
            `could not load ${url}${pinned ? ' (or it failed its integrity check)' : ''}: serve ${file} of this release beside chatlet.js.`,
          ),
        );
      };
      // Whichever comes first wins: the hand-over (while the script runs) or the end of the script.
      let got = false;
      const take = (handed: Event): void => {
        const detail = (handed as CustomEvent<T | null>).detail;
        if (!detail) return;
        got = true;
        withdraw();
        document.removeEventListener(event, take);
        resolve(detail);
      };
      document.addEventListener(event, take);
      // A file that already ran on this page answers this detail-less request at once: a module is
      // evaluated once per page, so a script tag added again after destroy() would wait forever.
      document.dispatchEvent(new CustomEvent(event));
      if (got) return;
      if (!pinned && new URL(url).origin === location.origin) {
        return void import(/* @vite-ignore */ url).catch(failed);
      }
      const script = document.createElement('script');
      script.src = url;
      if (pinned) {
        script.integrity = integrity;
        script.crossOrigin = 'anonymous';
      }
      // oxlint-disable-next-line unicorn/prefer-add-event-listener -- fewer bytes in the loader.
      script.onload = script.onerror = () => {
        script.remove();
        failed();
      };
      document.head.append(script);
    });
}

/** The package version, set by the build (vite.config.ts `define`). */
declare const __CHATLET_VERSION__: string;

/** Where `file` of this release lives: beside the loader, the version in the query. */
const besideUrl = (loader: HTMLScriptElement | null, file: string): string =>
  new URL(`${file}?v=${__CHATLET_VERSION__}`, loader?.src || location.href).href;

/**
 * Starts fetching `file` from beside the loader the way the panel will ask for it
 * (src/embed/locale-script.ts): a `modulepreload` from the page's own origin, else a script
 * preload. So the language file travels beside the panel instead of after it. Not when the loader
 * is pinned: the panel then loads the file with its hash, which a preload without it would not
 * match. The link goes once the file is in (the page's `<head>` is the site's), the fetched file
 * stays for the panel.
 */
export function preloadBeside(loader: HTMLScriptElement | null, file: string): void {
  if (loader?.integrity) return;
  const link = document.createElement('link');
  link.href = besideUrl(loader, file);
  link.rel = new URL(link.href).origin === location.origin ? 'modulepreload' : 'preload';
  link.as = 'script';
  // oxlint-disable-next-line unicorn/prefer-add-event-listener -- fewer bytes in the loader.
  link.onload = link.onerror = () => link.remove();
  document.head.append(link);
}

/**
 * Answers a loader's detail-less request for `detail` under `event`, now and whenever a later
 * loader asks (see {@link besideLoader}): the entry side of a file loaded beside the loader.
 */
export function handOver(event: string, detail: unknown): void {
  const announce = (): boolean => document.dispatchEvent(new CustomEvent(event, { detail }));
  document.addEventListener(event, (asked) => {
    if (!(asked as CustomEvent<unknown>).detail) announce();
  });
  announce();
}
