/** The package version, set by the build (vite.config.ts `define`). */
declare const __CHATLET_VERSION__: string;

/**
 * What the panel takes from the loader that inserted it instead of carrying its own copy: the
 * exports of the modules both need (vite.config.ts, SHARED_WITH_PANEL), in the order the panel
 * build reads them. The loader build writes them in here; elsewhere (tests, the npm build, where
 * nothing is shared) it stays empty.
 */
export const PANEL_KIT: readonly unknown[] = [];

/**
 * The event the panel asks for {@link PANEL_KIT} with, on `document`, while it starts. Named by
 * release, so a panel of another release gets no answer and fails loudly instead of misreading.
 */
export const KIT_EVENT = `chatlet-kit-${__CHATLET_VERSION__}`;

/**
 * Answers the panel's request for the kit once: the panel asks once, when its file runs, and a
 * panel that ran answers a later loader itself, so it never asks again. Offered as its file is
 * fetched (beside-loader.ts); a file that failed to load leaves the offer for the next attempt's
 * file, which the next attempt's offer answers too.
 */
export function offerKit(): void {
  document.addEventListener(
    KIT_EVENT,
    (event) => {
      (event as CustomEvent<{ kit?: readonly unknown[] }>).detail.kit = PANEL_KIT;
    },
    { once: true },
  );
}
