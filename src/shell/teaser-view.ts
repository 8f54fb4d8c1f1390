import type { Language } from '../core/languages.ts';
import type { ResolvedOptions } from '../core/options.ts';
import { CLOSE_TEASER } from '../ui/teaser-label.ts';
import type { Teaser, TeaserShell } from './teaser.ts';
import teaserCss from './teaser.css?inline';

/**
 * What the teaser needs of the options; `closeTeaser` is the site's own name for its close button
 * (else it is named in the launcher's language).
 */
export type TeaserOptions = Pick<
  ResolvedOptions,
  'teaser' | 'teaserDelayMs' | 'storage' | 'endpoint'
> & {
  closeTeaser?: string | undefined;
};

/** The key under which closing the teaser is remembered, in the store `storage` chose. */
export const TEASER_KEY = 'chatlet:teaser-closed';

/**
 * How long a live region is on the page before text put into it is announced reliably: one that
 * appears with its content may not be, and showTeaser() may be what loaded this file.
 */
const SETTLE_MS = 100;

/**
 * The proactive bubble beside the closed launcher, drawn without Preact, so no panel is loaded to
 * show it. A file of its own (`chatlet-teaser.js` beside the loader, a chunk of the npm entry),
 * loaded only when a page has a teaser or calls showTeaser() (teaser.ts); with the `teaser` option
 * it shows itself `teaserDelayMs` after the widget started.
 *
 * The visitor's "for good" is kept where `storage` keeps the conversation, and only then: showing
 * the teaser writes nothing, closing it writes {@link TEASER_KEY} (`memory`: this page view only).
 * A visitor who has chatted is told by the stored conversation itself (conversation-store.ts's
 * key), or in this page view by their first message. Both are read when it is about to show, so a
 * tab left open learns what another tab did.
 *
 * Screen readers hear the text once, politely: it goes into an `aria-live` region that is on the
 * page a moment before it (see {@link SETTLE_MS}); the close button sits outside that region, so
 * its name is not read as part of the message. A click on the text does what the launcher does
 * (the panel is closed while it shows, so that opens it).
 */
export function createTeaser(shell: TeaserShell, options: TeaserOptions): Teaser {
  const { root, button, events, life } = shell;
  // `localStorage`, `sessionStorage`, or (for `memory`) nothing: there is no window.memoryStorage.
  // Read when needed, as the property itself throws where storage is blocked.
  const store = (): Storage | undefined =>
    (window as unknown as Record<string, Storage | undefined>)[`${options.storage}Storage`];
  // Set for this page view when the visitor closed it or chatted; storage remembers it beyond.
  let over = false;
  // The loader's own adoptStyles (styles.ts), so this file does not carry a second copy.
  shell.adopt(root, teaserCss);
  const box = document.createElement('div');
  box.className = 'teaser';
  box.setAttribute('part', 'teaser');
  // Its own language and direction, as the launcher's: the inline-end corner mirrors for ar/he.
  box.lang = button.lang;
  box.dir = button.dir;
  const live = box.appendChild(document.createElement('div'));
  live.setAttribute('aria-live', 'polite');
  root.append(box);
  life.add(() => box.remove());
  const settled = performance.now() + SETTLE_MS;

  // Buttons without a type: in a shadow root they belong to no form of the page.
  const text = document.createElement('button');
  const close = document.createElement('button');
  close.setAttribute('aria-label', options.closeTeaser ?? CLOSE_TEASER[button.lang as Language]);
  close.textContent = '×';

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
      button.isConnected &&
      button.getAttribute('aria-expanded') !== 'true'
    );
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  life.add(() => clearTimeout(timer));
  const hide = (): void => {
    clearTimeout(timer);
    text.remove();
    close.remove();
  };
  /** Shows `message` at `at` (a `performance.now()` time), at once when that has passed. */
  const show = (message = options.teaser, at = settled): void => {
    clearTimeout(timer);
    const go = (): void => {
      // Already showing: not inserted (and announced) again.
      if (text.isConnected || !wanted(message)) return;
      text.textContent = message;
      live.append(text);
      box.append(close);
    };
    const wait = at - performance.now();
    if (wait > 0) timer = setTimeout(go, wait);
    else go();
  };
  // The clicked button goes away: focus moves to the launcher, not to the top of the page (the
  // panel, once open, takes it from there and gives it back on close).
  const leave = (): void => {
    hide();
    button.focus();
  };
  text.addEventListener('click', () => {
    leave();
    shell.activate();
  });
  close.addEventListener('click', () => {
    over = true;
    try {
      store()?.setItem(TEASER_KEY, '1');
    } catch {
      // Storage refused (blocked, full): remembered for this page view only.
    }
    leave();
  });
  events.on('open', hide);
  events.on('message', (message) => {
    if (message.role === 'user') {
      over = true;
      hide();
    }
  });
  if (options.teaser) {
    show(options.teaser, Math.max(settled, shell.since + options.teaserDelayMs));
  }
  return { show: (message) => show(message), hide };
}

/** The teaser of a widget whose options are resolved (the npm entry, `<chatlet-widget>`). */
export const teaserFor =
  (options: ResolvedOptions) =>
  (shell: TeaserShell): Teaser =>
    createTeaser(shell, { ...options, closeTeaser: options.strings['closeTeaser'] });
