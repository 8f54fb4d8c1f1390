/**
 * The launcher bubble, drawn without Preact so the loader shows it before the panel stage; its
 * icon is the button's CSS (launcher.css), so there is no SVG element to build. Its
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
  button.addEventListener('click', onClick);
  return button;
}
