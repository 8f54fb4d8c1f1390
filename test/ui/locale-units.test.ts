import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/core/languages.ts';
import { LOCALES } from '../../src/ui/all-locales.ts';
import { format, formatCount, resolveStrings } from '../../src/ui/i18n.ts';

/** Spaces that never break a line: the no-break space and the narrow one (French, Intl). */
const NO_BREAK = /[\u00a0\u202f]/;

/** Every text of a language file, a plural string's forms each on their own, with its key. */
function texts(lang: (typeof LANGUAGES)[number]): Array<[string, string]> {
  return Object.entries(LOCALES[lang]).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[key, value] as [string, string]]
      : Object.entries(value).map(([form, text]) => [`${key}.${form}`, text] as [string, string]),
  );
}

describe('numbers stay on one line with their unit', () => {
  // "try again in 20 s." must not end a line with "20" and start the next with "s.": whatever
  // follows a number placeholder ("{seconds} s", "{count} unread messages") is joined to it by a
  // no-break space, in every language and every plural form.
  it.each(LANGUAGES)('%s joins every number placeholder to the word after it', (lang) => {
    const breakable = texts(lang).filter(([, text]) => /\{\w+\}[^\S\u00a0\u202f]/.test(text));
    expect(breakable).toEqual([]);
  });

  it.each(LANGUAGES)('%s writes the retry delay as number, no-break space, unit', (lang) => {
    const { strings } = resolveStrings(lang, LOCALES[lang]);
    const number = new Intl.NumberFormat(lang).format(20);
    const text = format(strings.errorBusyFor, { seconds: 20 }, lang);
    const after = text.slice(text.indexOf(number) + number.length);
    expect(text).toContain(number);
    expect(after[0], `${lang}: "${text}"`).toMatch(NO_BREAK);
    expect(after[1]).toMatch(/\S/);
  });

  it.each(LANGUAGES)('%s joins the unread count to its noun in every plural form', (lang) => {
    const { strings } = resolveStrings(lang, LOCALES[lang]);
    // 0, 1, 2, 3, 11 and 100 reach every form Intl.PluralRules has (Arabic's six included).
    for (const count of [0, 1, 2, 3, 11, 100]) {
      const text = formatCount(strings.unread, count, lang);
      const number = new Intl.NumberFormat(lang).format(count);
      // Some forms spell the number out ("رسالة واحدة"): nothing to join there.
      if (!text.includes(number)) continue;
      const after = text.slice(text.indexOf(number) + number.length);
      expect(after[0], `${lang} ${count}: "${text}"`).toMatch(NO_BREAK);
    }
  });
});
