import type { ResolvedOptions } from '../core/options.ts';
import type { Emitter } from './emitter.ts';
import type { Lifecycle } from './lifecycle.ts';

/** What the teaser needs of the options; `closeTeaser` names its close button. */
export type TeaserOptions = Pick<
  ResolvedOptions,
  'teaser' | 'teaserDelayMs' | 'storage' | 'endpoint' | 'lang'
> & { closeTeaser: string };

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
 * The proactive bubble beside the closed launcher, drawn by the shell without Preact, so no panel
 * is loaded to show it. A click on its text does what the launcher does (`activate`: the panel is
 * closed while it shows, so that opens it); its close button hides it for good.
 *
 * The visitor's "for good" is kept where `storage` keeps the conversation, and only then: showing
 * the teaser writes nothing, closing it writes {@link TEASER_KEY} (`memory`: this page view only).
 * A visitor who has chatted is told by the stored conversation itself (conversation-store.ts's
 * key), or in this page view by their first message. Both are read when it is about to show, so a
 * tab left open learns what another tab did.
 *
 * Screen readers hear the text once, politely: it is inserted into an `aria-live` region that is
 * on the page from the start (a region that appears with its content is not reliably announced);
 * the close button sits outside that region, so its name is not read as part of the message.
 */
export function createTeaser(
  root: ShadowRoot,
  launcher: HTMLButtonElement,
  events: Emitter,
  life: Lifecycle,
  options: TeaserOptions,
  activate: () => void,
): Teaser {
  const element = <K extends 'div' | 'button'>(tag: K): HTMLElementTagNameMap[K] =>
    document.createElement(tag);
  // `localStorage`, `sessionStorage`, or (for `memory`) nothing: there is no window.memoryStorage.
  // Read when needed, as the property itself throws where storage is blocked.
  const store = (): Storage | undefined =>
    (window as unknown as Record<string, Storage | undefined>)[`${options.storage}Storage`];

  // Set for this page view when the visitor closed it or chatted; storage remembers it beyond.
  let over = false;
  const box = element('div');
  box.className = 'teaser';
  box.setAttribute('part', 'teaser');
  // Its own language and direction, as the launcher's: the inline-end corner mirrors for ar/he.
  box.lang = options.lang;
  box.dir = launcher.dir;
  const live = box.appendChild(element('div'));
  live.setAttribute('aria-live', 'polite');
  // Buttons without a type: in a shadow root they belong to no form of the page.
  const text = element('button');
  const close = element('button');
  close.setAttribute('aria-label', options.closeTeaser);
  close.textContent = '×';
  const hide = (): void => {
    text.remove();
    close.remove();
  };
  // The clicked button goes away: focus moves to the launcher, not to the top of the page (the
  // panel, once open, takes it from there and gives it back on close).
  const leave = (): void => {
    hide();
    launcher.focus();
  };
  // oxlint-disable-next-line unicorn/prefer-add-event-listener -- fewer bytes in the loader.
  text.onclick = () => {
    leave();
    activate();
  };
  // oxlint-disable-next-line unicorn/prefer-add-event-listener -- fewer bytes in the loader.
  close.onclick = () => {
    over = true;
    leave();
    try {
      store()?.setItem(TEASER_KEY, '1');
    } catch {
      // Storage refused (blocked, full): remembered for this page view only.
    }
  };
  root.append(box);
  life.add(() => box.remove());

  const show = (message = options.teaser): void => {
    try {
      const stored = store();
      over ||= !!(
        stored?.getItem(TEASER_KEY) ??
        stored?.getItem(`chatlet:v1:${new URL(options.endpoint, location.href).href}`)
      );
    } catch {
      // Storage that cannot be read holds nothing of the visitor's.
    }
    // Already showing: not inserted (and announced) again.
    if (over || !message || text.isConnected || launcher.getAttribute('aria-expanded') === 'true') {
      return;
    }
    text.textContent = message;
    live.append(text);
    box.append(close);
  };
  events.on('open', hide);
  events.on('message', (message) => {
    if (message.role === 'user') {
      over = true;
      hide();
    }
  });
  if (options.teaser) {
    const timer = setTimeout(show, options.teaserDelayMs);
    life.add(() => clearTimeout(timer));
  }
  return { show, hide };
}
