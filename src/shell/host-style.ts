import type { ResolvedOptions } from '../core/options.ts';
import launcherCss from './launcher.css?inline';
import { adoptStyles } from './styles.ts';

/** What styling the host needs of the options. */
export type HostLook = Pick<ResolvedOptions, 'theme' | 'position' | 'primaryColor'>;

/**
 * Styles the host: the launcher's stylesheet into its shadow root, theme and corner as `data-*`
 * attributes the CSS selects on, the site's primary colour (now, not with the panel, so the launcher's
 * icon is legible from the start; launcher.css derives the text colour on it). Returns the undo.
 */
export function styleHost(host: HTMLElement, root: ShadowRoot, look: HostLook): () => void {
  const unadopt = adoptStyles(root, launcherCss);
  const { dataset, style } = host;
  dataset['theme'] = look.theme;
  dataset['position'] = look.position;
  if (look.primaryColor) {
    style.setProperty('--chatlet-primary', look.primaryColor);
    // launcher.css picks the readable text colour on it.
    dataset['primary'] = '';
  }
  return () => {
    unadopt();
    delete dataset['theme'];
    delete dataset['position'];
    delete dataset['primary'];
    style.removeProperty('--chatlet-primary');
  };
}
