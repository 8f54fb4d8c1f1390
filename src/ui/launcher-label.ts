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
 * The strings the loader shows itself: the launcher's name, and the site owner's own name for the
 * teaser's close button if there is one (its eleven defaults come with the teaser's drawing,
 * teaser-label.ts, which most pages never load).
 */
export interface LoaderStrings {
  openChat: string;
  closeTeaser: string | undefined;
}

/** The loader's strings in `lang`, each replaced by the site owner's override from `data-strings`. */
export function loaderStrings(
  lang: Language,
  overrides: Readonly<Record<string, unknown>>,
): LoaderStrings {
  const own = (key: keyof LoaderStrings): string | undefined => {
    const value = overrides[key];
    return typeof value === 'string' ? value : undefined;
  };
  return { openChat: own('openChat') ?? OPEN_CHAT[lang], closeTeaser: own('closeTeaser') };
}
