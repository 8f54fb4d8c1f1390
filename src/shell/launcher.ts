import { directionOf, type Language } from '../core/languages.ts';

/**
 * The launcher bubble, drawn without Preact so the loader shows it before the panel stage; its
 * icon is the button's CSS (launcher.css), so there is no SVG element to build. Its
 * accessible name is `label` ("Open chat", docs/ARCHITECTURE.md) and `aria-expanded` tells whether
 * the panel is open; the panel stage adds the unread badge (launcher-state.ts). It has its own
 * `lang` (a screen reader reads "Chat öffnen" in German) and `dir`: the launcher's logical inset
 * (launcher.css) puts it in the inline-end corner, bottom left for right-to-left.
 */
export function createLauncher(
  label: string,
  lang: Language,
  onClick: () => void,
): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.lang = lang;
  button.dir = directionOf(lang);
  button.setAttribute('part', 'launcher');
  button.setAttribute('aria-label', label);
  button.setAttribute('aria-expanded', 'false');
  button.addEventListener('click', onClick);
  return button;
}
