import { el, type RichNode } from './nodes.ts';

/**
 * Reads a fenced code block (three or more backticks or tildes at the start of a line, `indent`
 * spaces in); returns the block and the index of the newline that ends its closing fence.
 * An unclosed fence runs to the end of the reply, as in CommonMark.
 */
export function fence(s: string, i: number, indent: number): [RichNode, number] | undefined {
  const c = s[i]!;
  let e = i;
  while (s[e] === c) e++;
  const n = e - i;
  const eol = s.indexOf('\n', e) + 1 || s.length + 1;
  if (n < 3 || (c === '`' && s.slice(e, eol).includes('`'))) return;
  const lines: string[] = [];
  let k = eol - 1;
  while (k < s.length) {
    const to = s.indexOf('\n', k + 1) + 1 || s.length + 1;
    const line = s.slice(k + 1, to - 1);
    k = to - 1;
    const t = line.trim();
    if (t.length >= n && t === c.repeat(t.length)) break;
    lines.push(line.slice(Math.min(indent, line.length - line.trimStart().length)));
  }
  return [el('pre', [el('code', [lines.join('\n')])]), k];
}

/**
 * Makes a reader of inline code spans for one reply: at a run of backticks it returns the code
 * element and the index after the closing run, or the run itself as text when nothing closes it.
 * A span never crosses a blank line, and a failed search is remembered per run length and
 * paragraph, so a reply full of stray backticks is still read in near-linear time.
 */
export function codeSpans(s: string): (i: number) => [RichNode, number] {
  const failed: number[] = [];
  let limit = -1;
  return (i) => {
    let e = i;
    while (s[e] === '`') e++;
    const n = e - i;
    if (limit < e) {
      const blank = /\n[ \t]*\n/g;
      blank.lastIndex = e;
      limit = blank.exec(s)?.index ?? s.length;
    }
    if (failed[n] !== limit) {
      for (let k = s.indexOf('`', e); k >= 0 && k < limit; k = s.indexOf('`', k)) {
        const start = k;
        while (s[k] === '`') k++;
        if (k - start !== n) continue;
        let code = s.slice(e, start).replace(/\n/g, ' ');
        // One space each side is padding (CommonMark), so `` ` `` can show a backtick.
        if (code[0] === ' ' && code.endsWith(' ') && code.trim()) code = code.slice(1, -1);
        return [el('code', [code]), k];
      }
      failed[n] = limit;
    }
    return [s.slice(i, e), e];
  };
}
