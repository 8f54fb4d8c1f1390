import type { Language } from '../core/languages.ts';
import type { StringKey } from '../core/string-keys.ts';
import type en from './locales/en.ts';

/**
 * A text that depends on a count: one form per plural category of the language, as
 * `Intl.PluralRules` names them (Polish needs one/few/many, Arabic all six); `other` is the
 * fallback every language has. `{count}` is replaced by the localised number.
 */
export type Plural = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

/**
 * The strings one language file (src/ui/locales/*.ts) holds: the keys of the English file, each a
 * text or a {@link Plural}. Every language file `satisfies` this, so a missing key does not compile.
 */
export type LocaleStrings = {
  [K in keyof typeof en]: (typeof en)[K] extends string ? string : Plural;
};

export type { StringKey } from '../core/string-keys.ts';

/** `true` when the two key sets are the same. */
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/**
 * Fails to compile ("Type 'false' does not satisfy the constraint 'true'") when the English file's
 * keys and the public {@link StringKey} list differ: add a new string's key to
 * src/core/string-keys.ts too, so the `strings` option accepts it.
 */
export type StringKeysInSync<
  T extends true = SameKeys<keyof LocaleStrings | 'openChat' | 'closeTeaser', StringKey>,
> = T;

/**
 * Every string the widget shows or announces, in one language, with the language itself for
 * `Intl` (numbers, plurals, times). The launcher's name lives apart (launcher-label.ts) because
 * the loader shows it before any language file has arrived; so does the name of the teaser's close
 * button, which the panel does not show at all.
 */
export type UiStrings = LocaleStrings & { openChat: string; lang: Language };
