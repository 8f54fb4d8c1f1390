import type { Launcher, ResolvedOptions } from '../core/options.ts';
import type { Emitter } from './emitter.ts';
import type { Lifecycle } from './lifecycle.ts';
import { report } from './report.ts';
import type { drawTeaser, TeaserView } from './teaser-view.ts';

/**
 * What the teaser needs of the options; `closeTeaser` is the site's own name for its close button
 * (else the drawing names it in `lang`); with `launcher: 'none'` (inline mode included) there is
 * no launcher to tease from, so it never shows.
 */
export type TeaserOptions = Pick<
  ResolvedOptions,
  'teaser' | 'teaserDelayMs' | 'storage' | 'endpoint' | 'lang'
> & { closeTeaser: string | undefined; launcher?: Launcher | undefined };

/** Where the teaser's drawing comes from: a file beside the loader, or a chunk of the npm entry. */
export type TeaserSource = () => Promise<typeof drawTeaser>;

/** The teaser's controls: the handle's showTeaser() and hideTeaser(). */
export interface Teaser {
  /**
   * Shows `text` (else the `teaser` option) now, unless the visitor closed it or chatted, the panel
   * is open, or it is already showing.
   */
  show(text?: string): void;
  /** Hides it for this page view, remembering nothing. */
  hide(): void;
}

/** The key under which closing the teaser is remembered, in the store `storage` chose. */
export const TEASER_KEY = 'chatlet:teaser-closed';

/**
 * The proactive bubble beside the closed launcher, shown without Preact, so no panel is loaded to
 * show it. The loader keeps only when to show it: the drawing (teaser-view.ts, with its CSS) is
 * loaded from `source` when the `teaser` option is set, as its delay starts (so the delay covers
 * the download), or when show() is called; a page without a teaser never downloads it.
 *
 * The visitor's "for good" is kept where `storage` keeps the conversation, and only then: showing
 * the teaser writes nothing, closing it writes {@link TEASER_KEY} (`memory`: this page view only).
 * A visitor who has chatted is told by the stored conversation itself (conversation-store.ts's
 * key), or in this page view by their first message. Both are read before loading and again when
 * it is about to show, so a tab left open learns what another tab did.
 *
 * Screen readers hear the text once, politely: it is inserted into an `aria-live` region that the
 * loader puts on the page from the start (a region that appears with its content is not reliably
 * announced, and show() may be called before the drawing has arrived); the close button sits
 * outside that region, so its name is not read as part of the message.
 */
export function createTeaser(
  root: ShadowRoot,
  launcher: HTMLButtonElement,
  events: Emitter,
  life: Lifecycle,
  options: TeaserOptions,
  activate: () => void,
  source: TeaserSource,
): Teaser {
  // `localStorage`, `sessionStorage`, or (for `memory`) nothing: there is no window.memoryStorage.
  // Read when needed, as the property itself throws where storage is blocked.
  const store = (): Storage | undefined =>
    (window as unknown as Record<string, Storage | undefined>)[`${options.storage}Storage`];
  // Set for this page view when the visitor closed it or chatted; storage remembers it beyond.
  let over = false;
  const box = document.createElement('div');
  box.className = 'teaser';
  box.setAttribute('part', 'teaser');
  // Its own language and direction, as the launcher's: the inline-end corner mirrors for ar/he.
  box.lang = options.lang;
  box.dir = launcher.dir;
  const live = box.appendChild(document.createElement('div'));
  live.setAttribute('aria-live', 'polite');
  root.append(box);
  life.add(() => box.remove());

  const wanted = (message: string | undefined): message is string => {
    try {
      const stored = store();
      over ||= !!(
        stored?.getItem(TEASER_KEY) ??
        stored?.getItem(`chatlet:v1:${new URL(options.endpoint, location.href).href}`)
      );
    } catch {
      // Storage that cannot be read holds nothing of the visitor's.
    }
    return (
      !over &&
      !!message &&
      !life.ended &&
      options.launcher !== 'none' &&
      launcher.getAttribute('aria-expanded') !== 'true'
    );
  };
  // Once drawn, show() and hide() act at once; before that, when the drawing has arrived.
  let drawn: TeaserView | undefined;
  let loading: Promise<void> | undefined;
  const draw = (): Promise<void> =>
    (loading ??= source().then(
      (drawIt) => {
        drawn = drawIt(box, live, launcher, life, options.closeTeaser, activate, () => {
          over = true;
          try {
            store()?.setItem(TEASER_KEY, '1');
          } catch {
            // Storage refused (blocked, full): remembered for this page view only.
          }
        });
      },
      (error: unknown) => {
        // Reported; the next show() tries again.
        loading = undefined;
        report(error);
      },
    ));
  // Counts show() and hide() calls, so a hide() while the drawing loads wins over the show().
  let calls = 0;
  const hide = (): void => {
    calls++;
    drawn?.hide();
  };
  const show = (message = options.teaser): void => {
    const call = ++calls;
    const go = (): void => {
      if (call === calls && wanted(message)) drawn?.show(message);
    };
    if (drawn) go();
    else if (wanted(message)) void draw().then(go);
  };
  events.on('open', hide);
  events.on('message', (message) => {
    if (message.role === 'user') {
      over = true;
      hide();
    }
  });
  if (wanted(options.teaser)) {
    void draw();
    const timer = setTimeout(show, options.teaserDelayMs);
    life.add(() => clearTimeout(timer));
  }
  return { show, hide };
}
