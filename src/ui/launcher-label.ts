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
 * The name of the teaser's close button, for the same reason as {@link OPEN_CHAT}: the loader shows
 * the teaser (src/shell/teaser.ts) before any language file has arrived. One word, as on a dialog's
 * close button: it follows the message it closes, and eleven longer names cost the loader ~150 B.
 */
export const CLOSE_TEASER: Record<Language, string> = {
  en: 'Close',
  de: 'Schließen',
  fr: 'Fermer',
  es: 'Cerrar',
  it: 'Chiudi',
  nl: 'Sluiten',
  pl: 'Zamknij',
  pt: 'Fechar',
  tr: 'Kapat',
  ar: 'إغلاق',
  he: 'סגירה',
};

/** The strings the loader shows itself: the launcher's name and the teaser's close button's. */
export interface LoaderStrings {
  openChat: string;
  closeTeaser: string;
}

/** The loader's strings in `lang`, each replaced by the site owner's override from `data-strings`. */
export function loaderStrings(
  lang: Language,
  overrides: Readonly<Record<string, unknown>>,
): LoaderStrings {
  const pick = (key: keyof LoaderStrings, table: Record<Language, string>): string => {
    const own = overrides[key];
    return typeof own === 'string' ? own : table[lang];
  };
  return { openChat: pick('openChat', OPEN_CHAT), closeTeaser: pick('closeTeaser', CLOSE_TEASER) };
}
