import type { Language } from '../core/languages.ts';
import type { LocaleStrings } from './strings.ts';
import ar from './locales/ar.ts';
import de from './locales/de.ts';
import en from './locales/en.ts';
import es from './locales/es.ts';
import fr from './locales/fr.ts';
import he from './locales/he.ts';
import it from './locales/it.ts';
import nl from './locales/nl.ts';
import pl from './locales/pl.ts';
import pt from './locales/pt.ts';
import tr from './locales/tr.ts';

/**
 * Every language file at once, for the build (which writes one `chatlet-<lang>.js` per entry) and
 * the tests. Nothing the browser loads imports this: the widget fetches one language only.
 */
export const LOCALES: Record<Language, LocaleStrings> = {
  en,
  de,
  fr,
  es,
  it,
  nl,
  pl,
  pt,
  tr,
  ar,
  he,
};
