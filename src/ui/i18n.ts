import type { Language } from '../core/languages.ts';
import { openChatIn } from './launcher-label.ts';
import type { LocaleStrings, Plural, UiStrings } from './strings.ts';

export type { LocaleStrings, Plural, StringKey, UiStrings } from './strings.ts';

/** The outcome of {@link resolveStrings}: the strings, and override keys that match none. */
export interface ResolvedStrings {
  strings: UiStrings;
  unknownKeys: string[];
}

/**
 * The strings of `lang` (its language file, `locale`) with the site owner's overrides applied.
 * Overrides are plain data (never evaluated); one for a plural string serves every count. Keys
 * that match no string are reported so the caller can warn about typos.
 */
export function resolveStrings(
  lang: Language,
  locale: LocaleStrings,
  overrides: Readonly<Record<string, string>> = {},
): ResolvedStrings {
  const strings: UiStrings = { ...locale, lang, openChat: openChatIn(lang) };
  const unknownKeys: string[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    // The loader's own (launcher-label.ts), for the teaser the panel does not show.
    if (key === 'closeTeaser' && typeof value === 'string') continue;
    if (!isStringKey(strings, key) || typeof value !== 'string') unknownKeys.push(key);
    else if (typeof strings[key] === 'object') (strings[key] as Plural) = { other: value };
    else (strings[key] as string) = value;
  }
  return { strings, unknownKeys };
}

function isStringKey(strings: UiStrings, key: string): key is Exclude<keyof UiStrings, 'lang'> {
  return key !== 'lang' && Object.hasOwn(strings, key);
}

/**
 * Fills `{name}` placeholders, e.g. `format('{count} unread', { count: 2 }, 'en')`; numbers are
 * written the way `lang` writes them (`Intl.NumberFormat`: Arabic digits for `ar`).
 */
export function format(
  template: string,
  values: Readonly<Record<string, string | number>>,
  lang: Language,
): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    if (!Object.hasOwn(values, name)) return match;
    const value = values[name];
    return typeof value === 'number' ? new Intl.NumberFormat(lang).format(value) : String(value);
  });
}

/** The form of `forms` that `count` takes in `lang` (`Intl.PluralRules`), with `{count}` filled. */
export function formatCount(forms: Plural, count: number, lang: Language): string {
  const form = forms[new Intl.PluralRules(lang).select(count)] ?? forms.other;
  return format(form, { count }, lang);
}
