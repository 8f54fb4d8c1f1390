import { styleHost, type HostLook } from './host-style.ts';
import { createLauncher } from './launcher.ts';

/**
 * Marks a `<chatlet-widget>` that a script tag or createChatlet() created and drives, so the
 * custom element of `chatlet/element`, if also on the page, leaves it alone.
 */
export const HOST_MARK = 'data-chatlet-host';

/** What the shell needs of the options: the host's look and the launcher's accessible name. */
export interface ShellOptions extends HostLook {
  /** The launcher's accessible name (see launcher-label.ts). */
  label: string;
}

/**
 * The first stage of a widget, without Preact: the shadow root, the host's styles and the
 * launcher. The panel stage (panel-stage.ts) attaches to it, now or once it has been loaded.
 */
export interface Shell {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  /** The launcher button, for focus management and the panel's state. */
  readonly button: HTMLButtonElement;
  /** Sets what a launcher click does: load the panel first, later toggle it. */
  onActivate(fn: () => void): void;
  /** Undoes everything the shell did to the host. */
  remove(): void;
}

/** Builds the shell in `host`'s open shadow root. */
export function createShell(host: HTMLElement, options: ShellOptions): Shell {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const unstyle = styleHost(host, root, options);
  let activate = (): void => {};
  const button = createLauncher(options.label, () => activate());
  root.append(button);
  return {
    host,
    root,
    button,
    onActivate(fn) {
      activate = fn;
    },
    remove() {
      button.remove();
      unstyle();
    },
  };
}
