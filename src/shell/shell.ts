import type { Language } from '../core/languages.ts';
import type { Launcher } from '../core/options.ts';
import { createEmitter } from './emitter.ts';
import { styleHost, type HostLook } from './host-style.ts';
import { createLauncher } from './launcher.ts';
import { adoptStyles } from './styles.ts';
import type { Lifecycle } from './lifecycle.ts';
import { teaserOf, type Teaser, type TeaserShell, type TeaserSource } from './teaser.ts';

// True in the loader's own build only (vite.config.ts).
declare const __CHATLET_LOADER__: boolean;

/**
 * Marks a `<chatlet-widget>` that a script tag or createChatlet() created and drives, so the
 * custom element of `chatlet/element`, if also on the page, leaves it alone.
 */
export const HOST_MARK = 'data-chatlet-host';

/**
 * What the shell needs of the options: the host's look, the launcher's accessible name, and
 * whether the page has a teaser.
 */
export interface ShellOptions extends HostLook {
  /** The teaser's text: when set (and there is a launcher), its file is loaded at once (teaser.ts). */
  teaser?: string | undefined;
  /** The launcher's accessible name (see launcher-label.ts). */
  openChat: string;
  /** The widget's language: the launcher's `lang` and `dir` (its corner mirrors for ar/he). */
  lang: Language;
  /**
   * `none` (also in inline mode): the launcher is built, for the panel's state, but not shown.
   * @default "bubble"
   */
  launcher?: Launcher | undefined;
}

/**
 * The first stage of a widget, without Preact: the shadow root, the host's styles, the launcher,
 * the widget's events and its lifecycle. The panel stage (src/embed/panel-stage.ts) attaches to
 * it, now or once it has been loaded; the teaser (teaser.ts) draws into it.
 */
export interface Shell extends TeaserShell {
  readonly host: HTMLElement;
  /** The bubble beside the closed launcher (teaser.ts): the handle's showTeaser/hideTeaser. */
  readonly teaser: Teaser;
}

/**
 * Appends a fresh `<chatlet-widget>` host to `target`; `life` removes it again. Appended before
 * the shell is built in it: a `<style>` (the fallback of styles.ts) gets its sheet only once it is
 * in the document, and without one it is taken for a page whose CSP refused it.
 */
export function createHost(target: HTMLElement, life: Lifecycle): HTMLElement {
  const host = document.createElement('chatlet-widget');
  host.setAttribute(HOST_MARK, '');
  target.append(host);
  life.add(() => host.remove());
  return host;
}

/**
 * Builds the shell in `host`'s open shadow root. What it puts there goes with the host (or with
 * host-style.ts resetHost, for the one host that outlives a widget): ending `life` ends the
 * listeners and the stages that registered with it. The teaser comes from
 * `teaser` when the page has one or asks for it (teaser.ts). One object is both the shell and
 * what the teaser draws into: `activate` is what a click does, and onActivate() replaces it.
 */
export function createShell(
  host: HTMLElement,
  options: ShellOptions,
  life: Lifecycle,
  teaser: TeaserSource,
): Shell {
  // Only `<chatlet-widget>`, mounted again in itself, has a root already: the loader's host is
  // always a fresh createHost() one, so its build (vite.config.ts) compiles the reuse out.
  const root = (!__CHATLET_LOADER__ && host.shadowRoot) || host.attachShadow({ mode: 'open' });
  styleHost(host, root, options);
  const button = createLauncher(options.openChat, options.lang, () => shell.activate());
  if (options.launcher !== 'none') root.append(button);
  const shell = {
    host,
    root,
    button,
    events: createEmitter(),
    life,
    activate() {},
    since: performance.now(),
    adopt: adoptStyles,
  } as Shell & { teaser: Teaser };
  shell.teaser = teaserOf(shell, !!options.teaser && options.launcher !== 'none', teaser);
  return shell;
}
