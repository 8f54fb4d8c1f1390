const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with its attributes (drawn without Preact, which the loader does not carry). */
function svg(tag: string, attributes: Record<string, string>): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

/**
 * The launcher bubble, drawn without Preact so the loader shows it before the panel stage. Its
 * accessible name is `label` ("Open chat", docs/ARCHITECTURE.md) and `aria-expanded` tells whether the panel
 * is open; the panel stage adds the unread badge (launcher-state.ts).
 */
export function createLauncher(label: string, onClick: () => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.setAttribute('part', 'launcher');
  button.setAttribute('aria-label', label);
  button.setAttribute('aria-expanded', 'false');
  const icon = svg('svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' });
  icon.append(
    svg('path', {
      d: 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z',
    }),
  );
  button.append(icon);
  button.addEventListener('click', onClick);
  return button;
}
