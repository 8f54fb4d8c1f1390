import { besideLoader } from './beside-loader.ts';
import type { drawTeaser } from './teaser-view.ts';

/** The `sha384-…` hash of the built dist/chatlet-teaser.js, written by the build (vite.config.ts). */
declare const __CHATLET_TEASER_INTEGRITY__: string;

/** The event the teaser's file (teaser-entry.ts) hands its drawing over with, on `document`. */
export const TEASER_EVENT = 'chatlet-teaser';

/**
 * The script tag's teaser drawing, `chatlet-teaser.js` from beside the loader (beside-loader.ts: a
 * classic script, pinned by its hash when the loader is, versioned as the panel is).
 */
export const teaserChunk = (loader: HTMLScriptElement | null): (() => Promise<typeof drawTeaser>) =>
  besideLoader(loader, 'chatlet-teaser.js', TEASER_EVENT, __CHATLET_TEASER_INTEGRITY__);
