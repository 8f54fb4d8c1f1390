import { format, type UiStrings } from '../ui/i18n.ts';

/** The launcher bubble, drawn without Preact so a small loader can show it before the panel. */
export interface Launcher {
  /** The button, for focus management. */
  readonly button: HTMLButtonElement;
  /** Reflects the panel's state and the number of unread replies. */
  update(state: { expanded: boolean; unread: number }): void;
  /** Removes the button. */
  remove(): void;
}

const SVG = 'http://www.w3.org/2000/svg';

function chatIcon(): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute(
    'd',
    'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z',
  );
  svg.append(path);
  return svg;
}

/**
 * Renders the launcher into `root`. Its accessible name stays "Open chat" (design.md) and
 * `aria-expanded` tells whether the panel is open; the unread count is its description.
 */
export function createLauncher(
  root: ShadowRoot,
  strings: UiStrings,
  onClick: () => void,
): Launcher {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.setAttribute('part', 'launcher');
  button.setAttribute('aria-label', strings.openChat);
  button.setAttribute('aria-expanded', 'false');
  // The visible count is decoration; screen readers get the sentence through aria-describedby.
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.setAttribute('part', 'badge');
  badge.setAttribute('aria-hidden', 'true');
  badge.hidden = true;
  const description = document.createElement('span');
  description.id = 'chatlet-unread';
  description.hidden = true;
  button.append(chatIcon(), badge, description);
  button.addEventListener('click', onClick);
  root.append(button);

  return {
    button,
    update({ expanded, unread }) {
      button.setAttribute('aria-expanded', String(expanded));
      const show = unread > 0 && !expanded;
      badge.hidden = !show;
      badge.textContent = show ? String(Math.min(unread, 99)) : '';
      description.textContent = show ? format(strings.unread, { count: unread }) : '';
      if (show) {
        button.setAttribute('aria-describedby', description.id);
      } else {
        button.removeAttribute('aria-describedby');
      }
    },
    remove() {
      button.removeEventListener('click', onClick);
      button.remove();
    },
  };
}
