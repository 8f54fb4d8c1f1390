import { ChatletError } from '../core/errors.ts';

/** The package version, set by the build (vite.config.ts `define`). */
declare const __CHATLET_VERSION__: string;

/**
 * Loads `name`.js from beside the loader and resolves to what it hands over with a `name` event on
 * `document` while it runs (src/embed/panel-entry.ts, src/shell/teaser-entry.ts). It is a classic
 * script, not a module: a module from another origin needs CORS headers, which a plain bucket or
 * CDN may not send. The version in the query keeps a cached loader and file of different releases
 * from meeting.
 *
 * When the site pins the loader with `integrity`, the file is pinned too, by the hash the build
 * wrote into this loader (vite.config.ts), and fetched with CORS as Subresource Integrity requires:
 * a file that does not match is refused by the browser and never runs. From the page's own origin,
 * unpinned, it is imported as a module instead: that needs no CORS and is no Trusted Types sink (a
 * script URL given as a string is: a strict CSP would report it).
 *
 * `unpinned` names the file to load instead when the loader is not pinned (the panel with the
 * visitor's language, src/shell/panel-chunk.ts); it hands over under the same `name`. `fetching`
 * runs when the file is fetched, not when one that already ran answers (the panel's kit,
 * panel-kit.ts).
 */
export function besideLoader<T>(
  loader: HTMLScriptElement | null,
  name: string,
  integrity: string,
  fetching = (): void => {},
  unpinned = name,
): () => Promise<T> {
  return () =>
    new Promise((resolve, reject) => {
      // Whichever comes first wins: the hand-over (while the script runs) or the end of the script.
      // `take` is cleared once it took the hand-over, which also says so (no flag of its own: ~12 B).
      let take: ((handed: Event) => void) | undefined = (handed) => {
        const { detail } = handed as CustomEvent<T | null>;
        if (!detail) return;
        document.removeEventListener(name, take as () => void);
        take = undefined;
        resolve(detail);
      };
      document.addEventListener(name, take);
      // A file that already ran on this page answers this detail-less request at once: a module is
      // evaluated once per page, so a script tag added again after destroy() would wait forever.
      document.dispatchEvent(new CustomEvent(name));
      if (!take) return;
      fetching();
      // Worked out here, when the file is first needed, not as the loader runs: the URLs cost an
      // untouched visit ~0.4 ms of main thread (docs/ARCHITECTURE.md, "What an untouched visit costs").
      const pinned = !!loader?.integrity;
      const file = `${pinned ? name : unpinned}.js`;
      const url = besideUrl(loader, file);
      const failed = (): void =>
        reject(
          new ChatletError(
            'network',
            `could not load ${url}${pinned ? ' (or it failed its integrity check)' : ''}: serve ${file} of this release beside chatlet.js.`,
          ),
        );
      if (!pinned && url.origin === location.origin) {
        return void import(/* @vite-ignore */ url.href).catch(failed);
      }
      inHead({ src: url.href, ...(pinned && { integrity, crossOrigin: 'anonymous' }) }, failed);
    });
}

/** Where `file` of this release lives: beside the loader, the version in the query. */
const besideUrl = (loader: HTMLScriptElement | null, file: string): URL =>
  new URL(`${file}?v=${__CHATLET_VERSION__}`, loader?.src || location.href);

/**
 * Appends a script element with `properties` to the page's `<head>` and removes it again once it
 * has loaded or failed, then calls `done` (a loaded script has handed its file over by then).
 */
function inHead(properties: Partial<HTMLScriptElement>, done: () => void): void {
  const element = Object.assign(document.createElement('script'), properties);
  // oxlint-disable-next-line unicorn/prefer-add-event-listener -- fewer bytes in the loader.
  element.onload = element.onerror = () => {
    element.remove();
    done();
  };
  document.head.append(element);
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
