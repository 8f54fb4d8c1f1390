import type { ResolvedOptions } from '../core/options.ts';
import { textColorOn } from './contrast.ts';
import launcherCss from './launcher.css?inline';
import { adoptStyles } from './styles.ts';

/**
 * Styles the host from the options: the launcher's stylesheet (with the `--chatlet-*` defaults)
 * into its shadow root, theme and corner as
 * `data-*` attributes the CSS selects on, the site's primary colour with a readable text colour.
 * Returns the undo.
 */
export function styleHost(
  host: HTMLElement,
  root: ShadowRoot,
  options: ResolvedOptions,
): () => void {
  const unadopt = adoptStyles(root, launcherCss);
  host.dataset['theme'] = options.theme;
  host.dataset['position'] = options.position;
  if (options.primaryColor) {
    host.style.setProperty('--chatlet-primary', options.primaryColor);
    const text = textColorOn(options.primaryColor, root);
    if (text) host.style.setProperty('--chatlet-on-primary', text);
  }
  return () => {
    unadopt();
    delete host.dataset['theme'];
    delete host.dataset['position'];
    host.style.removeProperty('--chatlet-primary');
    host.style.removeProperty('--chatlet-on-primary');
  };
}
