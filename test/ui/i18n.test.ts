import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/core/languages.ts';
import { format, formatCount, resolveStrings } from '../../src/ui/i18n.ts';
import { openChatIn } from '../../src/ui/launcher-label.ts';
import { LOCALES } from '../../src/ui/all-locales.ts';

const strings = (lang: (typeof LANGUAGES)[number]) => resolveStrings(lang, LOCALES[lang]).strings;

describe('the widget strings', () => {
  it('use the fixed accessible names in English and German', () => {
    const en = strings('en');
    const de = strings('de');
    expect([en.openChat, en.closeChat, en.message, en.send]).toEqual([
      'Open chat',
      'Close chat',
      'Message',
      'Send',
    ]);
    expect([de.openChat, de.closeChat, de.message, de.send]).toEqual([
      'Chat öffnen',
      'Chat schließen',
      'Nachricht',
      'Senden',
    ]);
  });

  // The text the open panel first shows (its title and the field's placeholder; the rest are names
  // or hidden) stays within Latin-1 in the languages written in it: in Chromium, the first text
  // beyond Latin-1 that a page lays out (’ or … did; é and © did not) cost ~3-5 ms of the click
  // that opens the panel (docs/ARCHITECTURE.md, "Opening the panel"). So no "…" after the
  // placeholder.
  it.each(['en', 'de', 'es', 'fr', 'it', 'nl', 'pt'] as const)(
    '%s opens its panel on Latin-1 text only',
    (lang) => {
      expect([LOCALES[lang].title, LOCALES[lang].placeholder]).toEqual([
        expect.stringMatching(/^[\u0020-\u00ff]+$/),
        expect.stringMatching(/^[\u0020-\u00ff]+$/),
      ]);
    },
  );

  // The string-completeness test: a key missing (or left over) in any language fails here, and
  // every plural string has each form that language's plural rules can ask for.
  it.each(LANGUAGES)(
    '%s has every key of the English file, none empty, all plural forms',
    (lang) => {
      const table = LOCALES[lang];
      // Same keys in the same order, so the files read side by side.
      expect(Object.keys(table)).toEqual(Object.keys(LOCALES.en));
      expect(openChatIn(lang)).toMatch(/\S/);
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      const entries = Object.entries(table);
      const blank = entries.filter(([, value]) => typeof value === 'string' && !/\S/.test(value));
      expect(blank).toEqual([]);
      const plurals = entries.filter(([, value]) => typeof value === 'object');
      expect(plurals.length).toBeGreaterThan(0);
      const missing = plurals.flatMap(([key, forms]) =>
        categories
          .filter((category) => !Object.hasOwn(forms as object, category))
          .map((c) => `${key}.${c}`),
      );
      expect(missing).toEqual([]);
    },
  );

  it.each(LANGUAGES)('%s keeps the placeholders of the English text', (lang) => {
    const placeholders = (text: unknown): string[] =>
      [...JSON.stringify(text).matchAll(/\{\w+\}/g)].map(([match]) => match);
    for (const key of Object.keys(LOCALES.en) as Array<keyof typeof LOCALES.en>) {
      const english = new Set(placeholders(LOCALES.en[key]));
      for (const found of placeholders(LOCALES[lang][key])) {
        expect(english, `${lang}.${key}`).toContain(found);
      }
    }
  });

  it('names the launcher in each language, the list following the order of LANGUAGES', () => {
    expect(Object.fromEntries(LANGUAGES.map((lang) => [lang, openChatIn(lang)]))).toEqual({
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
    });
  });

  it('gives every language its own names for the launcher and the message field', () => {
    const names = LANGUAGES.map((lang) => `${openChatIn(lang)} / ${strings(lang).message}`);
    expect(new Set(names).size).toBe(LANGUAGES.length);
  });

  it('take the site owner’s overrides and report unknown keys', () => {
    const { strings, unknownKeys } = resolveStrings('de', LOCALES.de, {
      send: 'Los',
      sned: 'typo',
      openChat: 'Hilfe',
    });
    expect(strings.send).toBe('Los');
    expect(strings.openChat).toBe('Hilfe');
    expect(strings.closeChat).toBe('Chat schließen');
    expect(unknownKeys).toEqual(['sned']);
  });

  it('let one override serve every count of a plural string', () => {
    const { strings } = resolveStrings('pl', LOCALES.pl, { unread: '{count} nowe' });
    expect(formatCount(strings.unread, 5, 'pl')).toBe('5 nowe');
  });

  it('ignore keys that only exist on Object.prototype, and the language itself', () => {
    expect(resolveStrings('en', LOCALES.en, { toString: 'x', lang: 'de' }).unknownKeys).toEqual([
      'toString',
      'lang',
    ]);
  });
});

describe('format and formatCount', () => {
  it('fill named placeholders and leave unknown ones', () => {
    expect(format('{count} unread, {other}', { count: 3 }, 'en')).toBe('3 unread, {other}');
  });

  it('write numbers the way the language does', () => {
    expect(format('{n}', { n: 12345 }, 'de')).toBe('12.345');
    expect(format('{n}', { n: 12 }, 'ar')).toBe(new Intl.NumberFormat('ar').format(12));
  });

  it('pick the plural form by the language’s rules', () => {
    const { unread } = LOCALES.pl;
    expect([1, 3, 5, 22, 25].map((count) => formatCount(unread, count, 'pl'))).toEqual([
      '1\u00a0nieprzeczytana wiadomość',
      '3\u00a0nieprzeczytane wiadomości',
      '5\u00a0nieprzeczytanych wiadomości',
      '22\u00a0nieprzeczytane wiadomości',
      '25\u00a0nieprzeczytanych wiadomości',
    ]);
    expect(formatCount(LOCALES.ar.unread, 2, 'ar')).toBe('رسالتان غير مقروءتين');
    expect(formatCount(LOCALES.he.unread, 2, 'he')).toBe('שתי הודעות שלא נקראו');
    expect(formatCount(LOCALES.en.unread, 1, 'en')).toBe('1\u00a0unread message');
  });
});
