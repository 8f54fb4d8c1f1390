import type { Language } from '../core/languages.ts';
import { besideLoader } from './beside-loader.ts';
import { offerKit } from './panel-kit.ts';
import type { PanelStage } from './staged.ts';

/** The `sha256-…` hash of the built dist/chatlet-panel.js, written by the build (vite.config.ts). */
declare const __CHATLET_PANEL_INTEGRITY__: string;

/**
 * The event the panel's entry (src/embed/panel-entry.ts) hands its stage over with, on `document`;
 * its file is this name with `.js`.
 */
export const PANEL_EVENT = 'chatlet-panel';

/**
 * The script tag's panel stage, `chatlet-panel.js` from beside the loader (beside-loader.ts: a
 * classic script, pinned by its hash when the loader is). The loader offers it the code both share
 * (panel-kit.ts).
 *
 * No idle prefetch: Firefox checks `<link rel=prefetch>` against `default-src`, which the strict
 * CSP the README recommends sets to 'none' (a violation report on every page view), and a
 * visitor who never touches the widget then downloads nothing but the loader. It is fetched and
 * evaluated on hover, focus or first use; a hover starts it before the click lands. Unpinned, it
 * is `chatlet-panel-<lang>.js`, the panel with the strings of the widget's language `lang` in the
 * same file (vite.config.ts), so the opening waits for one file, not two; pinned, it is
 * `chatlet-panel.js`, which then loads the language file checked against its own hash.
 */
export const panelChunk = (
  loader: HTMLScriptElement | null,
  lang: Language,
): (() => Promise<PanelStage>) =>
  besideLoader(
    loader,
    PANEL_EVENT,
    __CHATLET_PANEL_INTEGRITY__,
    offerKit,
    `${PANEL_EVENT}-${lang}`,
  );
