import type { ResolvedOptions } from '../core/options.ts';
import { resolveStrings, type UiStrings } from '../ui/i18n.ts';
import { styleHost } from './host-style.ts';
import { createLauncher, type Launcher } from './launcher.ts';

/**
 * Marks a `<chatlet-widget>` that a script tag or createChatlet() created and drives, so the
 * custom element of `chatlet/element`, if also on the page, leaves it alone.
 */
export const HOST_MARK = 'data-chatlet-host';

/**
 * The first stage of a widget, without Preact: the shadow root, the host's styles and the
 * launcher. The panel stage (panel-stage.ts) attaches to it, now or once it has been loaded.
 */
export interface Shell {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  readonly launcher: Launcher;
  readonly strings: UiStrings;
  /** Sets what a launcher click does: load the panel first, later toggle it. */
  onActivate(fn: () => void): void;
  /** Undoes everything the shell did to the host. */
  remove(): void;
}

/** Builds the shell in `host`'s open shadow root. */
export function createShell(host: HTMLElement, options: ResolvedOptions): Shell {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const unstyle = styleHost(host, root, options);
  const { strings, unknownKeys } = resolveStrings(options.lang, options.strings);
  if (unknownKeys.length > 0) {
    console.warn(
      `Chatlet: data-strings has unknown keys ${unknownKeys.join(', ')}; they are ignored.`,
    );
  }
  let activate = (): void => {};
  const launcher = createLauncher(root, strings, () => activate());
  return {
    host,
    root,
    launcher,
    strings,
    onActivate(fn) {
      activate = fn;
    },
    remove() {
      launcher.remove();
      unstyle();
    },
  };
}
