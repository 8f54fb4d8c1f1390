import { LANGUAGES, type Language } from '../core/languages.ts';

/** A string for each entry of a fixed list: a tuple of as many strings. */
type OnePerLanguage<T extends readonly unknown[]> = { readonly [K in keyof T]: string };

/**
 * The launcher's accessible name in every language, apart from the other strings: the script-tag
 * loader renders the launcher before the panel stage and its language file, so it carries these
 * eleven short names itself (about 190 B brotli) instead of waiting for a download. A list in the
 * order of {@link LANGUAGES} (its type has one entry per language), not an object keyed by them:
 * the loader carries that list anyway, and the eleven keys a second time cost ~30 B brotli.
 */
const NAMES: OnePerLanguage<typeof LANGUAGES> = [
  'Open chat', // en
  'Chat öffnen', // de
  'Ouvrir le chat', // fr
  'Abrir chat', // es
  'Apri la chat', // it
  'Chat openen', // nl
  'Otwórz czat', // pl
  'Abrir chat', // pt
  'Sohbeti aç', // tr
  'فتح المحادثة', // ar
  'פתיחת הצ׳אט', // he
];

/** The launcher's accessible name in `lang`. */
export const openChatIn = (lang: Language): string => NAMES[LANGUAGES.indexOf(lang)] as string;

/**
 * The launcher's name in `lang`, or the site owner's `openChat` from `strings` (the npm entry and
 * `<chatlet-widget>`; the script tag's loader reads `data-strings` itself).
 */
export function loaderStrings(
  lang: Language,
  overrides: Readonly<Record<string, unknown>>,
): { openChat: string } {
  const own = overrides['openChat'];
  return { openChat: typeof own === 'string' ? own : openChatIn(lang) };
}
