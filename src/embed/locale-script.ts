import { ChatletError } from '../core/errors.ts';
import type { Language } from '../core/languages.ts';
import type { LocaleStrings } from '../ui/strings.ts';

/** The package version, set by the build (vite.config.ts `define`). */
declare const __CHATLET_VERSION__: string;
/**
 * The SRI hash of `chatlet-integrity.js`, the file that holds each `chatlet-<lang>.js`'s hash,
 * written by the build (vite.config.ts).
 */
declare const __CHATLET_LOCALE_INTEGRITY__: string;

/** The event a language file hands its strings over with, on `document` (vite.config.ts). */
export const LOCALE_EVENT = 'chatlet-locale';

/** What a file's {@link LOCALE_EVENT} carries: a language's strings, or the files' hashes. */
interface LocaleDetail<T> {
  lang: string;
  strings: T;
}

/** What a file handed over while the panel ran, by its `lang` (see {@link catchLocales}). */
const handed: Record<string, unknown> = {};

/**
 * Keeps every language file's hand-over from now on. Called by the panel's entry as it runs: the
 * loader's unpinned pages load `chatlet-panel-<lang>.js`, the panel followed by its language's
 * file (vite.config.ts), whose hand-over then comes before anyone asks for it. A file that runs
 * again later (another widget after a destroy) is kept too, so it is not fetched again.
 */
export function catchLocales(): void {
  document.addEventListener(LOCALE_EVENT, (event) => {
    const detail = (event as CustomEvent<LocaleDetail<unknown> | null>).detail;
    if (detail) handed[detail.lang] = detail.strings;
  });
}

/**
 * Loads the strings of `lang` for the script tag: `chatlet-<lang>.js` (0.4–0.7 KB brotli) from
 * beside the loader, so a visitor downloads their language only. The file hands its table over
 * with an event on `document` while it runs (no global), so it works as a module and as a classic
 * script:
 * - as a module `import()` from the page's own origin, which is no Trusted Types sink (a strict
 *   page allows it);
 * - as a classic script from another origin (a CDN, with or without CORS headers), and always when
 *   the loader's tag carries `integrity`: then the file is checked against its hash, which a module
 *   import cannot do. The eleven hashes (~400 B brotli) are in `chatlet-integrity.js`, loaded
 *   first and only then, itself checked against the one hash the build wrote into the panel: a
 *   page that does not pin the loader never downloads them.
 */
export async function loadLocaleScript(
  lang: Language,
  loaderSrc: string | null,
  withIntegrity: boolean,
): Promise<LocaleStrings> {
  const hashes = withIntegrity
    ? await loadFile<Record<Language, string>>('integrity', loaderSrc, __CHATLET_LOCALE_INTEGRITY__)
    : undefined;
  return loadFile<LocaleStrings>(lang, loaderSrc, hashes?.[lang]);
}

/**
 * Loads `chatlet-<name>.js` from beside the loader, pinned to `integrity` when there is one. The
 * file hands its table over while it runs, which {@link catchLocales} (called first, by the panel's
 * entry) keeps: once the file has loaded, the table is there, or the file was not ours.
 */
function loadFile<T>(
  name: string,
  loaderSrc: string | null,
  integrity: string | undefined,
): Promise<T> {
  const got = (): boolean => name in handed;
  if (got()) return Promise.resolve(handed[name] as T);
  const withIntegrity = integrity !== undefined;
  // The attribute may be relative (`/chatlet.js`): resolved against the page first.
  const base = new URL(loaderSrc ?? '', location.href);
  const url = new URL(`chatlet-${name}.js?v=${__CHATLET_VERSION__}`, base).href;
  return new Promise((resolve, reject) => {
    const settle = (): void =>
      got()
        ? resolve(handed[name] as T)
        : reject(
            new ChatletError(
              'network',
              `could not load ${url}${withIntegrity ? ' (or it failed its integrity check)' : ''}: serve chatlet-${name}.js of this release beside chatlet.js.`,
            ),
          );
    const classic = (): void => {
      const script = document.createElement('script');
      script.src = url;
      if (withIntegrity) {
        script.integrity = integrity;
        script.crossOrigin = 'anonymous';
      }
      // A classic script has run by its `load`; one refused (integrity) or missing ends in `error`.
      const done = (): void => {
        script.remove();
        settle();
      };
      script.addEventListener('load', done);
      script.addEventListener('error', done);
      document.head.append(script);
    };
    const orClassic = (): void => {
      if (got()) return settle();
      try {
        classic();
      } catch {
        settle();
      }
    };
    // Like the panel (src/shell/panel-chunk.ts): a module only from the page's own origin, where it
    // needs no CORS; from another origin a failed module import would log a CORS error first.
    if (withIntegrity || new URL(url).origin !== location.origin) orClassic();
    // A module runs once per URL: a later widget of the same language (after a destroy) gets no
    // event from it and runs the file again as a classic script.
    else import(/* @vite-ignore */ url).then(orClassic, orClassic);
  });
}
