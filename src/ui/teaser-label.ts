import type { Language } from '../core/languages.ts';

/**
 * The name of the teaser's close button in every language, apart from the other strings for the
 * same reason as the launcher's name (launcher-label.ts): the teaser shows before any language
 * file has arrived. It comes with the teaser's drawing (src/shell/teaser-view.ts), not the loader. One word, as on a dialog's
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
