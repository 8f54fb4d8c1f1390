import type { Emitter } from './emitter.ts';
import type { Lifecycle } from './lifecycle.ts';
import { report } from './report.ts';
import type { adoptStyles } from './styles.ts';

/** The teaser's controls: the handle's showTeaser() and hideTeaser(). */
export interface Teaser {
  /**
   * Shows `text` (else the `teaser` option) now, unless the visitor closed it or chatted, the panel
   * is open, there is no launcher, or it is already showing.
   */
  show(text?: string): void;
  /** Hides it for this page view, remembering nothing. */
  hide(): void;
}

/** What of the shell the teaser draws into and listens to (teaser-view.ts). */
export interface TeaserShell {
  root: ShadowRoot;
  /** The launcher: the teaser takes its `lang` and `dir`, and shows only while it is on the page. */
  button: HTMLButtonElement;
  events: Emitter;
  life: Lifecycle;
  /** What a click on the teaser does: what a click on the launcher does. */
  activate: () => void;
  /** `performance.now()` when the widget started: the teaser's delay counts from there. */
  since: number;
  /** Adopts a stylesheet into the shadow root (styles.ts), lent by the loader. */
  adopt: typeof adoptStyles;
}

/**
 * Where the teaser comes from: a file beside the loader (chatlet-teaser.js), or a chunk of the npm
 * entry; it resolves to the function that builds it into the shell with the widget's options.
 */
export type TeaserSource = () => Promise<(shell: TeaserShell) => Teaser>;

/**
 * The loader's part of the teaser: only "this page has one, or showTeaser() was called: load it".
 * Everything else — when to show it, the visitor's "not again", its live region, its drawing —
 * comes with it (teaser-view.ts): most sites have no teaser, and every visitor of theirs would pay
 * for it in the loader. `wanted` (a `teaser` option and a launcher) loads it at once, so its
 * delay covers the download. Calls made while it loads run in order once it is there, so a
 * hide() wins over the show() before it; a hide() before any load loads nothing.
 */
export function teaserOf(shell: TeaserShell, wanted: boolean, source: TeaserSource): Teaser {
  let teaser: Teaser | undefined;
  let loading: Promise<unknown> | undefined;
  const load = (): Promise<unknown> =>
    (loading ??= source().then(
      (make) => (teaser = make(shell)),
      (error: unknown) => {
        // Reported; the next show() tries again.
        loading = undefined;
        report(error);
      },
    ));
  if (wanted) void load();
  return {
    show: (text) => (teaser ? teaser.show(text) : void load().then(() => teaser?.show(text))),
    hide: () => (teaser ? teaser.hide() : void loading?.then(() => teaser?.hide())),
  };
}
