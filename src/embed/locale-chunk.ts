import type { Language } from '../core/languages.ts';
import type { LocaleStrings } from '../ui/strings.ts';

/**
 * Loads the strings of `lang` for the npm entry and `<chatlet-widget>`: each language file is its
 * own chunk (the site's bundler splits this `import()` by file), so the visitor's browser fetches
 * only the language the widget speaks.
 */
export async function loadLocaleChunk(lang: Language): Promise<LocaleStrings> {
  const module = (await import(`../ui/locales/${lang}.ts`)) as { default: LocaleStrings };
  return module.default;
}
