import type { Language } from '../core/languages.ts';
import { CLOSE_TEASER } from '../ui/teaser-label.ts';
import { adoptStyles } from './styles.ts';
import teaserCss from './teaser.css?inline';
import type { Lifecycle } from './lifecycle.ts';

/** What the drawn teaser does: the loader's teaser.ts decides when. */
export interface TeaserView {
  /** Puts `text` into the live region with its close button, unless it is already showing. */
  show(text: string): void;
  /** Takes the text and the close button away again. */
  hide(): void;
}

/**
 * Draws the teaser into the box the loader made (teaser.ts): its stylesheet, its message button
 * and its close button. A file of its own (`chatlet-teaser.js` beside the loader, a chunk of the
 * npm entry), loaded only when a page has a teaser: most sites have none, and every visitor of
 * theirs would pay for it in the loader. A click on the text does what the launcher does
 * (`activate`: the panel is closed while it shows, so that opens it); the close button calls
 * `onClose`, which remembers it; it is named `closeName`, else in the box's language.
 */
export function drawTeaser(
  box: HTMLElement,
  live: HTMLElement,
  launcher: HTMLButtonElement,
  life: Lifecycle,
  closeName: string | undefined,
  activate: () => void,
  onClose: () => void,
): TeaserView {
  life.add(adoptStyles(box.getRootNode() as ShadowRoot, teaserCss));
  // Buttons without a type: in a shadow root they belong to no form of the page.
  const text = document.createElement('button');
  const close = document.createElement('button');
  // The site's own name, else the widget's language's (the box carries its `lang`).
  close.setAttribute('aria-label', closeName ?? CLOSE_TEASER[box.lang as Language]);
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
  text.addEventListener('click', () => {
    leave();
    activate();
  });
  close.addEventListener('click', () => {
    onClose();
    leave();
  });
  return {
    show(message) {
      // Already showing: not inserted (and announced) again.
      if (text.isConnected) return;
      text.textContent = message;
      live.append(text);
      box.append(close);
    },
    hide,
  };
}
