import { ChatletError } from './errors.ts';

/**
 * The languages Chatlet speaks, each with a full set of UI strings in src/ui/locales/. The one
 * list every layer reads: the loader's `data-lang` check, the option resolution, the build that
 * writes one strings file per language, and the string-completeness test.
 */
export const LANGUAGES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'nl',
  'pl',
  'pt',
  'tr',
  'ar',
  'he',
] as const;
/** A language Chatlet speaks. */
export type Language = (typeof LANGUAGES)[number];

/** The languages written right to left: the widget mirrors for them (`dir="rtl"`). */
export const RTL_LANGUAGES: readonly Language[] = ['ar', 'he'];

/** The writing direction of `lang`, as the `dir` attribute takes it. */
export function directionOf(lang: Language): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.includes(lang) ? 'rtl' : 'ltr';
}

/** The supported language of a tag (`de-AT` → `de`, `PT_br` → `pt`), or `undefined`. */
export function supportedLanguage(tag: string | null | undefined): Language | undefined {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return LANGUAGES.find((language) => language === base);
}

/**
 * The widget's language: the site owner's explicit choice (`data-lang` / `lang`), else the page's
 * `<html lang>`, else English. An explicit choice Chatlet does not speak is a mistake to fix, so it
 * throws a `config` error naming the list; an unsupported page language is simply not ours to
 * speak, so it falls back to English without a word.
 */
export function resolveLanguage(
  explicit: string | null | undefined,
  pageLang: string | null | undefined,
): Language {
  if (explicit?.trim()) {
    const lang = supportedLanguage(explicit);
    if (!lang) {
      throw new ChatletError(
        'config',
        `Unsupported data-lang "${explicit.trim()}": use one of ${LANGUAGES.join(', ')} (or leave it out to follow <html lang>).`,
      );
    }
    return lang;
  }
  return supportedLanguage(pageLang) ?? 'en';
}
