import {
  LAUNCHERS,
  MODES,
  PAGE_FIELDS,
  POSITIONS,
  STORAGE_MODES,
  THEMES,
  type ChatletOptions,
  type Language,
  type PageField,
} from '../core/options.ts';
import type { ClientMetadata } from '../core/protocol.ts';
import {
  flag,
  jsonObject,
  oneOf,
  stringList,
  stringMap,
  text,
  wholeNumber,
  type AttributeParser,
} from '../shell/parsers.ts';

export type { AttributeParser } from '../shell/parsers.ts';

const pageFields: AttributeParser<PageField[]> = (raw, attribute) =>
  raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => oneOf(PAGE_FIELDS)(item, attribute));

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number';

/**
 * One parser per option: the mapped type makes an option without a parser a compile error
 * Values are parsed by type and never evaluated.
 */
export const ATTRIBUTE_PARSERS: {
  [K in keyof ChatletOptions]-?: AttributeParser<NonNullable<ChatletOptions[K]>>;
} = {
  endpoint: text,
  kbTopic: text,
  title: text,
  // Any text: the option resolution checks it, naming the supported list, and takes `de-AT` as `de`.
  lang: text as AttributeParser<Language>,
  messageContext: text,
  historyLimit: wholeNumber,
  timeoutMs: wholeNumber,
  storage: oneOf(STORAGE_MODES),
  greeting: text,
  subtitle: text,
  placeholder: text,
  position: oneOf(POSITIONS),
  primaryColor: text,
  theme: oneOf(THEMES),
  pageFields,
  metadata: jsonObject<ClientMetadata[string]>(isScalar, 'strings, numbers or booleans'),
  strings: stringMap,
  starters: stringList,
  feedback: flag,
  timestamps: flag,
  notifications: flag,
  teaser: text,
  teaserDelayMs: wholeNumber,
  mode: oneOf(MODES),
  target: text,
  launcher: oneOf(LAUNCHERS),
};

/** The option keys, in registry order. */
export const OPTION_KEYS = Object.keys(ATTRIBUTE_PARSERS) as Array<keyof ChatletOptions>;

/** `kbTopic` → `kb-topic`: the attribute name of an option (prefixed with `data-` on the script tag). */
export function attributeName(key: keyof ChatletOptions): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * Reads every option present as an attribute. `read` returns an attribute's value or `null`;
 * `prefix` is `data-` on the script tag and empty on `<chatlet-widget>`.
 */
export function readAttributes(
  read: (name: string) => string | null,
  prefix = 'data-',
): Partial<ChatletOptions> {
  const options: Record<string, unknown> = {};
  for (const key of OPTION_KEYS) {
    const name = prefix + attributeName(key);
    const raw = read(name);
    if (raw !== null) options[key] = ATTRIBUTE_PARSERS[key](raw, name);
  }
  return options as Partial<ChatletOptions>;
}
