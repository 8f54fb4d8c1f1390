import type { Lifecycle } from './lifecycle.ts';

/** The attribute that makes any element of the page open the chat when clicked. */
export const OPENER = 'data-chatlet-open';

/**
 * Lets every element carrying `data-chatlet-open` open the chat: one delegated listener on the
 * document, so elements the page adds later work too. Keyboard activation is the element's own (a
 * `<button>` or `<a href>` clicks on Enter), and so is its focus, where the panel stage returns it
 * when the chat closes. In the loader, so it works before the panel stage has arrived; ending
 * `life` removes the listener. Unlike the launcher, pointing at one does not start loading the panel
 * early: that cost the loader ~40 B (brotli), which it has no room for.
 */
export function listenForOpeners(open: () => void, life: Lifecycle): void {
  const listener = (event: Event): void => {
    const opener = (event.target as Partial<Element>).closest?.(`[${OPENER}]`);
    if (!opener) return;
    // An `<a href="/contact" data-chatlet-open>` stays a link where the widget is not running.
    event.preventDefault();
    open();
  };
  document.addEventListener('click', listener);
  life.add(() => document.removeEventListener('click', listener));
}
