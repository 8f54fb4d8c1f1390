import { ChatletError } from '../core/errors.ts';

/** Turns an attribute's string into an option value, or throws a `config` error naming it. */
export type AttributeParser<T> = (raw: string, attribute: string) => T;

const invalid = (attribute: string, raw: string, expected: string): ChatletError =>
  new ChatletError('config', `Invalid ${attribute}="${raw}": ${expected}.`);

/** Takes the attribute as written. */
export const text: AttributeParser<string> = (raw) => raw;

/** A whole number of digits, nothing else. */
export const wholeNumber: AttributeParser<number> = (raw, attribute) => {
  if (!/^\s*\d+\s*$/.test(raw)) throw invalid(attribute, raw, 'use a whole number');
  return Number(raw);
};

/** One of `values`, any case. */
export const oneOf =
  <T extends string>(values: readonly T[]): AttributeParser<T> =>
  (raw, attribute) => {
    const value = raw.trim().toLowerCase();
    const match = values.find((candidate) => candidate === value);
    if (match === undefined) throw invalid(attribute, raw, `use ${values.join(', ')}`);
    return match;
  };

/** Parses a JSON object (with JSON.parse, never evaluated) whose values pass `accept`. */
export const jsonObject =
  <T>(
    accept: (value: unknown) => value is T,
    expected: string,
  ): AttributeParser<Record<string, T>> =>
  (raw, attribute) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // Falls through to the check below: not an object.
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw invalid(attribute, raw, `use a JSON object of ${expected}`);
    }
    for (const [key, value] of Object.entries(parsed)) {
      if (!accept(value)) throw invalid(attribute, raw, `"${key}" must be one of ${expected}`);
    }
    return parsed as Record<string, T>;
  };

/** `data-strings`: a JSON object of strings (the loader reads it for the launcher's name). */
export const stringMap = jsonObject(
  (value: unknown): value is string => typeof value === 'string',
  'strings',
);

/** `true` or `false`, any case. */
export const flag: AttributeParser<boolean> = (raw, attribute) =>
  oneOf(['true', 'false'])(raw, attribute) === 'true';

/** A JSON array of strings (with JSON.parse, never evaluated). */
export const stringList: AttributeParser<string[]> = (raw, attribute) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // Falls through to the check below: not an array.
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
    throw invalid(attribute, raw, 'use a JSON array of strings, e.g. ["Where is my order?"]');
  }
  return parsed as string[];
};
