/**
 * The two stages of the npm package's widgets, createChatlet() (index.ts) and `<chatlet-widget>`
 * (element.ts): the launcher from the module that imports this, without Preact, and the panel as a
 * dynamic `import()` of panel-npm.ts, which the site's bundler splits into a chunk of its own,
 * loaded when the visitor points at or focuses the launcher, at once in inline mode, or at the
 * latest on the first click or API call (src/shell/staged.ts).
 */
import { checkPrimaryColor, type ResolvedOptions } from '../core/options.ts';
import type { ChatletHandle } from '../shell/handle.ts';
import { isCssColor } from '../shell/loader-options.ts';
import { mountStaged } from '../shell/staged.ts';
import { loaderStrings } from '../ui/launcher-label.ts';
import type { WidgetDeps } from './conversation.ts';
import { checkedMetadata } from './metadata-check.ts';

type PanelModule = typeof import('./panel-npm.ts');
let panelModule: Promise<PanelModule> | undefined;

/**
 * The panel's chunk, imported once for every widget of the page; a failed import is forgotten, so
 * the next use retries.
 */
export const importPanel = (): Promise<PanelModule> =>
  (panelModule ??= import('./panel-npm.ts').catch((error: unknown) => {
    panelModule = undefined;
    throw error;
  }));

/**
 * Refuses the options the panel would refuse (a colour the browser cannot paint, bad metadata),
 * so that the panel, when it arrives, never refuses one. Throws a `config` ChatletError.
 */
export function checkNpmOptions(options: ResolvedOptions): void {
  checkPrimaryColor(options.primaryColor, isCssColor);
  checkedMetadata(options.metadata);
}

/**
 * Mounts one widget of checked `options` (see {@link checkNpmOptions}): its host is appended to
 * `target`, or with `inside` is `target` itself. Its setMetadata refuses bad metadata at once, as
 * a running widget does, even before the panel (which applies it) is there.
 */
export function mountNpmWidget(
  target: HTMLElement,
  options: ResolvedOptions,
  deps: WidgetDeps,
  inside?: boolean,
): ChatletHandle {
  const handle = mountStaged(
    target,
    { ...options, ...loaderStrings(options.lang, options.strings) },
    () => null,
    {
      load: () => importPanel().then((panel) => panel.npmPanelStage(options, deps)),
      // A chunk of its own too, fetched only by a page that shows a teaser.
      teaser: () => import('../shell/teaser-view.ts').then((view) => view.teaserFor(options)),
    },
    undefined,
    inside,
  );
  return {
    ...handle,
    setMetadata(metadata) {
      handle.setMetadata(checkedMetadata(metadata));
    },
  };
}
