import type { Language } from '../core/languages.ts';

/**
 * The launcher's accessible name in every language, apart from the other strings: the script-tag
 * loader renders the launcher before the panel stage and its language file, so it carries these
 * eleven short names itself (about 190 B brotli) instead of waiting for a download.
 */
export const OPEN_CHAT: Record<Language, string> = {
  en: 'Open chat',
  de: 'Chat öffnen',
  fr: 'Ouvrir le chat',
  es: 'Abrir chat',
  it: 'Apri la chat',
  nl: 'Chat openen',
  pl: 'Otwórz czat',
  pt: 'Abrir chat',
  tr: 'Sohbeti aç',
  ar: 'فتح المحادثة',
  he: 'פתיחת הצ׳אט',
};

/**
 * The launcher's name in `lang`, or the site owner's `openChat` from `strings` (the npm entry and
 * `<chatlet-widget>`; the script tag's loader reads `data-strings` itself).
 */
export function loaderStrings(
  lang: Language,
  overrides: Readonly<Record<string, unknown>>,
): { openChat: string } {
  const own = overrides['openChat'];
  return { openChat: typeof own === 'string' ? own : OPEN_CHAT[lang] };
}
