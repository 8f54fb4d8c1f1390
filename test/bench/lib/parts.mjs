// What each part of a built file costs: every byte of the minified file is given to the source
// its source map names, the bytes of each part are compressed on their own, and the parts are
// scaled to the file's own brotli size (a part compresses worse alone than beside the others).
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The segments of a source map's `mappings`, as `[line, column, sourceIndex]` (0-based), in order.
 * Only what attribution needs: generated position and source, not the original line or name.
 * @param {string} mappings
 */
function decodeMappings(mappings) {
  const segments = [];
  let source = 0;
  mappings.split(';').forEach((text, line) => {
    let column = 0;
    for (const segment of text.split(',')) {
      if (segment === '') continue;
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
          continue;
        }
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      segments.push([line, column, fields.length > 1 ? source : -1]);
    }
  });
  return segments;
}

const brotli = (text) =>
  brotliCompressSync(Buffer.from(text), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;

/**
 * The parts of `file` (a built .js with its `.map` beside it): `partOf(source)` names the part of
 * each source path (as the map writes it, e.g. `../src/ui/panel.css`); bytes no source claims
 * (the bundle's wrapper, strings the build wrote in) go to `partOf(undefined, text)`.
 * @param {string} file
 * @param {(source: string | undefined, text: string) => string} partOf
 * @returns {Array<{ part: string, raw: number, brotli: number }>} largest first
 */
export function partsOf(file, partOf) {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const lineStarts = [0];
  for (let index = 0; index < code.length; index += 1) {
    if (code[index] === '\n') lineStarts.push(index + 1);
  }
  const segments = decodeMappings(map.mappings);
  /** @type {Map<string, string[]>} */
  const texts = new Map();
  const add = (part, text) => texts.set(part, [...(texts.get(part) ?? []), text]);
  let previousEnd = 0;
  segments.forEach(([line, column, source], index) => {
    const start = lineStarts[line] + column;
    const next = segments[index + 1];
    const end = next ? lineStarts[next[0]] + next[1] : code.length;
    if (start > previousEnd) {
      const gap = code.slice(previousEnd, start);
      add(partOf(undefined, gap), gap);
    }
    const text = code.slice(start, end);
    add(partOf(source === -1 ? undefined : map.sources[source], text), text);
    previousEnd = end;
  });
  const total = brotli(code);
  const parts = [...texts].map(([part, pieces]) => {
    const text = pieces.join('');
    return { part, raw: text.length, alone: brotli(text) };
  });
  const sumAlone = parts.reduce((sum, part) => sum + part.alone, 0);
  return parts
    .map(({ part, raw, alone }) => ({ part, raw, brotli: Math.round((alone * total) / sumAlone) }))
    .toSorted((a, b) => b.brotli - a.brotli);
}
