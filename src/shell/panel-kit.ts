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

/** Answers the panel's request for the kit until the returned function is called. */
export function offerKit(): () => void {
  const answer = (event: Event): void => {
    (event as CustomEvent<{ kit?: readonly unknown[] }>).detail.kit = PANEL_KIT;
  };
  document.addEventListener(KIT_EVENT, answer);
  return () => document.removeEventListener(KIT_EVENT, answer);
}
