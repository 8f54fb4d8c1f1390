import { ChatletError } from '../core/errors.ts';
import {
  PAGE_FIELDS,
  POSITIONS,
  THEMES,
  type ChatletOptions,
  type PageField,
} from '../core/options.ts';
import type { ClientMetadata } from '../core/protocol.ts';

/** Turns an attribute's string into an option value, or throws a `config` error naming it. */
export type AttributeParser<T> = (raw: string, attribute: string) => T;

const invalid = (attribute: string, raw: string, expected: string): ChatletError =>
  new ChatletError('config', `Invalid ${attribute}="${raw}": ${expected}.`);

const text: AttributeParser<string> = (raw) => raw;

const wholeNumber: AttributeParser<number> = (raw, attribute) => {
  if (!/^\s*\d+\s*$/.test(raw)) throw invalid(attribute, raw, 'use a whole number');
  return Number(raw);
};

const oneOf =
  <T extends string>(values: readonly T[]): AttributeParser<T> =>
  (raw, attribute) => {
    const value = raw.trim().toLowerCase();
    const match = values.find((candidate) => candidate === value);
    if (match === undefined) throw invalid(attribute, raw, `use ${values.join(', ')}`);
    return match;
  };

const pageFields: AttributeParser<PageField[]> = (raw, attribute) =>
  raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => oneOf(PAGE_FIELDS)(item, attribute));

/** Parses a JSON object (with JSON.parse, never evaluated) whose values pass `accept`. */
const jsonObject =
  <T>(
    accept: (value: unknown) => value is T,
    expected: string,
  ): AttributeParser<Record<string, T>> =>
  (raw, attribute) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw invalid(attribute, raw, `use a JSON object of ${expected}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw invalid(attribute, raw, `use a JSON object of ${expected}`);
    }
    const result: Record<string, T> = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (!accept(value)) throw invalid(attribute, raw, `"${key}" must be one of ${expected}`);
      result[key] = value;
    }
    return result;
  };

const isString = (value: unknown): value is string => typeof value === 'string';
const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number';

/**
 * One parser per option: the mapped type makes an option without a parser a compile error
 * (style.md, habit 3). Values are parsed by type and never evaluated.
 */
export const ATTRIBUTE_PARSERS: {
  [K in keyof ChatletOptions]-?: AttributeParser<NonNullable<ChatletOptions[K]>>;
} = {
  endpoint: text,
  kbTopic: text,
  title: text,
  lang: text,
  messageContext: text,
  historyLimit: wholeNumber,
  timeoutMs: wholeNumber,
  greeting: text,
  subtitle: text,
  placeholder: text,
  position: oneOf(POSITIONS),
  primaryColor: text,
  theme: oneOf(THEMES),
  pageFields,
  metadata: jsonObject<ClientMetadata[string]>(isScalar, 'strings, numbers or booleans'),
  strings: jsonObject(isString, 'strings'),
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
