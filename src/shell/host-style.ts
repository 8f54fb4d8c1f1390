import type { ResolvedOptions } from '../core/options.ts';
import launcherCss from './launcher.css?inline';
import { adoptStyles } from './styles.ts';

/** What styling the host needs of the options. */
export type HostLook = Pick<ResolvedOptions, 'theme' | 'position' | 'primaryColor'>;

/**
 * Styles the host: the launcher's stylesheet into its shadow root, theme and corner as `data-*`
 * attributes the CSS selects on, the site's primary colour (now, not with the panel, so the launcher's
 * icon is legible from the start; launcher.css derives the text colour on it). Not undone: the
 * host goes with the widget, or is reset by {@link resetHost}.
 *
 * The host itself makes no box (`display: contents` in launcher.css; inline mode gives it one,
 * src/ui/panel.css): everything in it is fixed to the viewport, and an inline host after `<body>`
 * was wrapped in an anonymous block the page's layout had to place when the launcher appeared
 * (docs/ARCHITECTURE.md, "What an untouched visit costs"). Said here, not in the CSS: the npm
 * build ships that file's comments inside its string.
 */
export function styleHost(host: HTMLElement, root: ShadowRoot, look: HostLook): void {
  adoptStyles(root, launcherCss);
  const { dataset, style } = host;
  dataset['theme'] = look.theme;
  dataset['position'] = look.position;
  if (look.primaryColor) {
    style.setProperty('--chatlet-primary', look.primaryColor);
    // launcher.css picks the readable text colour on it.
    dataset['primary'] = '';
  }
}

/**
 * Leaves a host as it was before a widget was built in it: its shadow root empty, without the
 * sheets the launcher, the teaser and the panel adopted, and without the attributes and the
 * property {@link styleHost} set on the host (the panel stage undoes its own). For the one host that outlives a widget, `<chatlet-widget>`,
 * which calls it before each mount; the loader's own hosts are removed with their widget instead,
 * so the loader carries no undo for each of these steps.
 */
export function resetHost(host: HTMLElement): void {
  const root = host.shadowRoot;
  if (root) {
    root.replaceChildren();
    if (root.adoptedStyleSheets) root.adoptedStyleSheets = [];
  }
  for (const name of ['theme', 'position', 'primary']) delete host.dataset[name];
  host.style.removeProperty('--chatlet-primary');
}
