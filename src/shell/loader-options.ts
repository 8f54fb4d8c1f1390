import { supportedLanguage } from '../core/languages.ts';
import { LAUNCHERS, MODES, POSITIONS, THEMES, type Language, type Mode } from '../core/options.ts';
import { openChatIn } from '../ui/launcher-label.ts';
import type { ShellOptions } from './shell.ts';

// True in the loader's own build only (vite.config.ts).
declare const __CHATLET_LOADER__: boolean;

/** What the loader needs before it renders the launcher. */
export interface LoaderOptions extends ShellOptions {
  /** The widget's language, also handed to the panel stage. */
  lang: Language;
  /** `inline` loads the panel stage at once: it is on screen from the start. @default "bubble" */
  mode?: Mode | undefined;
  /**
   * An attribute the launcher depends on is invalid: nothing is shown, and the panel stage, which
   * checks every attribute and words each refusal, is started at once to say which (staged.ts).
   */
  refused?: boolean;
}

/**
 * Reads the attributes the launcher depends on: `data-endpoint` (nothing should appear for a
 * widget that cannot talk to anyone), and those that shape the launcher — theme, position, primary
 * colour (one the browser cannot paint would leave an invisible launcher), language, whether it
 * shows at all (`data-mode`, `data-launcher`) and a `data-strings` override of its name — and
 * whether there is a teaser (`data-teaser`; its other attributes are read by its own file,
 * teaser-attributes.ts).
 *
 * A value it cannot use is not explained here but marked `refused`: the messages that name the
 * attribute and say what to write live with the panel stage's checks (src/core/options.ts,
 * src/shell/parsers.ts), which every visitor of a correctly configured page would otherwise
 * download in the loader. The rules are the same (the colour's: at most as strict), so whatever
 * is refused here is refused there, with one console line. Every other attribute is checked by the
 * panel stage alone (src/embed/panel-stage.ts).
 */
export function readLoaderOptions(
  read: (name: string) => string | null,
  pageLang: string,
): LoaderOptions {
  let refused = false;
  const attribute = (name: string): string | undefined => read(`data-${name}`)?.trim();
  // One of `values`, any case, else the first of them: each list of src/core/options.ts starts
  // with its default (DEFAULTS there), so the loader carries no default of its own and not that
  // object (test/core/options.test.ts holds them together). A value that is none of them (the
  // empty one too) is refused.
  const pick = <T extends string>(name: string, values: readonly T[]): T => {
    const value = (attribute(name)?.toLowerCase() ?? values[0]) as T;
    if (values.includes(value)) return value;
    refused = true;
    return values[0] as T;
  };
  // An explicit unsupported data-lang is refused; an unsupported <html lang> is English.
  const named = attribute('lang');
  const found = supportedLanguage(named || pageLang);
  const lang = found ?? 'en';
  const primaryColor = attribute('primary-color') || undefined;
  refused ||=
    (!!named && !found) ||
    // Absent, `undefined` is tested as the text "undefined": refused too.
    !/^(https?:\/\/|\/)/i.test(attribute('endpoint') as string) ||
    (!!primaryColor && !isCssColor(primaryColor));
  const mode = pick('mode', MODES);
  let openChat: unknown;
  try {
    // Not JSON, or not an object: a throw, and the loader's name stays. No attribute (most pages)
    // throws nothing: a caught exception on every page view costs ~3 ms of script in Chromium under
    // DevTools, where its stack's source positions are collected. Whether data-strings is valid is
    // the panel stage's check.
    openChat = JSON.parse(attribute('strings') ?? '{}').openChat;
  } catch {
    // The language's own name, below.
  }
  const launcher = pick('launcher', LAUNCHERS);
  const theme = pick('theme', THEMES);
  const position = pick('position', POSITIONS);
  return {
    lang,
    mode,
    // The inline panel has no launcher (where it goes, data-target, is the panel stage's concern),
    // nor has a refused widget.
    launcher: refused || mode === 'inline' ? 'none' : launcher,
    theme,
    position,
    primaryColor,
    openChat: typeof openChat === 'string' ? openChat : openChatIn(lang),
    teaser: attribute('teaser'),
    refused,
  };
}

/**
 * Whether the browser can paint `color` (anything else would leave an invisible launcher). Without
 * `CSS` (jsdom, and the server side of the npm entry) anything passes. Every browser Chatlet
 * supports has `CSS.supports` (https://developer.mozilla.org/docs/Web/API/CSS/supports_static),
 * so the loader's own build (vite.config.ts) compiles that guard out (~14 B brotli).
 */
export const isCssColor = (color: string): boolean =>
  __CHATLET_LOADER__
    ? CSS.supports('color', color)
    : (globalThis.CSS?.supports('color', color) ?? true);
