import { resolveLanguage } from '../core/languages.ts';
import {
  checkEndpoint,
  checkPrimaryColor,
  LAUNCHERS,
  MODES,
  POSITIONS,
  THEMES,
  type Language,
  type Mode,
} from '../core/options.ts';
import { loaderStrings } from '../ui/launcher-label.ts';
import { oneOf } from './parsers.ts';
import type { ShellOptions } from './shell.ts';

/** What the loader needs before it renders the launcher. */
export interface LoaderOptions extends ShellOptions {
  /** The proxy's chat URL, checked before anything shows. */
  endpoint: string;
  /** The widget's language, also handed to the panel stage. */
  lang: Language;
  /** `inline` loads the panel stage at once: it is on screen from the start. @default "bubble" */
  mode?: Mode | undefined;
}

/**
 * Reads and checks the attributes the launcher depends on: `data-endpoint` (nothing should
 * appear for a widget that cannot talk to anyone), and those that shape the launcher — theme,
 * position, primary colour, language, whether it shows at all (`data-mode`, `data-launcher`) and
 * `data-strings` overrides of its name — and whether there is a teaser (`data-teaser`; its other
 * attributes are read by its own file, teaser-attributes.ts). Throws a `config` error naming the
 * attribute. `data-strings` is only looked into for the loader's own strings here: whether it
 * is valid as a whole is the panel stage's check. Every other attribute is checked by the panel
 * stage (src/embed/panel-stage.ts), which keeps the loader small.
 */
export function readLoaderOptions(
  read: (name: string) => string | null,
  pageLang: string,
): LoaderOptions {
  const attribute = (name: string): string | undefined => read(`data-${name}`) ?? undefined;
  const parse = <T>(name: string, parser: (raw: string, name: string) => T): T | undefined => {
    const raw = attribute(name);
    return raw === undefined ? undefined : parser(raw, `data-${name}`);
  };
  const endpoint = checkEndpoint(attribute('endpoint'));
  // An explicit unsupported data-lang is refused here, before the launcher shows.
  const lang = resolveLanguage(attribute('lang'), pageLang);
  const mode = parse('mode', oneOf(MODES));
  const launcher = parse('launcher', oneOf(LAUNCHERS));
  return {
    endpoint,
    lang,
    mode,
    // The inline panel has no launcher; where it goes (data-target) is the panel stage's concern.
    launcher: mode === 'inline' ? 'none' : launcher,
    // Defaults as literals: core's DEFAULTS object would bring all of its fields into the loader.
    theme: parse('theme', oneOf(THEMES)) ?? 'light',
    position: parse('position', oneOf(POSITIONS)) ?? 'right',
    primaryColor: checkPrimaryColor(attribute('primary-color'), isCssColor),
    ...loaderStrings(lang, overrides(attribute('strings'))),
    // Only whether there is one: its text, delay and storage are read by its own file.
    teaser: attribute('teaser')?.trim(),
  };
}

/** Whether the browser can paint `color` (anything else would leave an invisible launcher). */
export const isCssColor = (color: string): boolean =>
  globalThis.CSS?.supports('color', color) ?? true;

function overrides(raw: string | undefined): Record<string, unknown> {
  try {
    return Object(JSON.parse(raw ?? '{}'));
  } catch {
    return {};
  }
}
