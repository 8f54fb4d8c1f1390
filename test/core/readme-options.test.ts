// The README's options table is what a site owner configures the script tag from: it must name
// every option of the typed registry (src/embed/attributes.ts), by its attribute and its option
// name, and give each default the code applies (src/core/options.ts DEFAULTS).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/core/options.ts';
import { attributeName, OPTION_KEYS } from '../../src/embed/attributes.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** A cell of a Markdown table row: anything up to the next `|` that is not escaped as `\|`. */
const CELL = String.raw`((?:[^|\\]|\\.)*)\|`;
/** The table's rows: `| `data-x` | `optionName` | values | default | meaning |`. */
const ROW = new RegExp(String.raw`^\| \`data-([a-z-]+)\` +\| \`(\w+)\` +\|${CELL}${CELL}`, 'gm');
const rows = [...readme.matchAll(ROW)].map(([, attribute, key, , fallback]) => ({
  attribute,
  key,
  fallback: fallback!.trim(),
}));

describe('the README options table', () => {
  it('has one row per option of the registry, and no other', () => {
    const keys = rows.map((row) => row.key);
    expect(new Set(keys)).toEqual(new Set(OPTION_KEYS));
    expect(keys).toHaveLength(OPTION_KEYS.length); // no option twice
  });

  it('names each option by its attribute', () => {
    const named = (key: string): string => attributeName(key as (typeof OPTION_KEYS)[number]);
    expect(rows.map((row) => [row.key, row.attribute])).toEqual(
      rows.map((row) => [row.key, named(row.key!)]),
    );
  });

  it.each(Object.entries(DEFAULTS))('gives %s the default the code applies', (key, value) => {
    const row = rows.find((candidate) => candidate.key === key);
    expect(row?.fallback).toBe(`\`${String(value)}\``);
  });
});
