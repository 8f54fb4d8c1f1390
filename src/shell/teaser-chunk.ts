import { besideLoader } from './beside-loader.ts';
import type { TeaserSource } from './teaser.ts';
import type { teaserFromAttributes } from './teaser-attributes.ts';

/** The `sha256-…` hash of the built dist/chatlet-teaser.js, written by the build (vite.config.ts). */
declare const __CHATLET_TEASER_INTEGRITY__: string;

/**
 * The event the teaser's file (teaser-entry.ts) hands its builder over with, on `document`; the
 * file is this name with `.js`.
 */
export const TEASER_EVENT = 'chatlet-teaser';

/**
 * The script tag's teaser, `chatlet-teaser.js` from beside the loader (beside-loader.ts: a classic
 * script, pinned by its hash when the loader is, versioned as the panel is), built with the tag's
 * attributes, which `read` gives.
 */
export const teaserChunk = (
  loader: HTMLScriptElement | null,
  read: (name: string) => string | null,
): TeaserSource => {
  const load = besideLoader<typeof teaserFromAttributes>(
    loader,
    TEASER_EVENT,
    __CHATLET_TEASER_INTEGRITY__,
  );
  return () => load().then((fromAttributes) => fromAttributes(read));
};
