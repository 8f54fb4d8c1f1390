import { decodeEntities } from './entities.ts';
import { el, MAX_DEPTH, type RichNode } from './nodes.ts';
import { safeUrl } from './safe-url.ts';
import { splice } from './splice.ts';

// Every scan below either consumes what it scanned or records that it failed, so a paragraph is
// parsed in linear time per nesting level (no regex backtracking, no rescans of failed openers).

const space = (c: string | undefined) => !c || /\s/.test(c);
const word = (c: string | undefined) => !!c && /[\p{L}\p{N}_]/u.test(c);

/** Finds the closing run of exactly `n` copies of `c` after `from`, or -1. */
function closer(s: string, c: string, n: number, from: number): number {
  for (let k = s.indexOf(c, from); k >= 0; k = s.indexOf(c, k)) {
    const start = k;
    while (s[k] === c) k++;
    if (k - start === n && !space(s[start - 1]) && (c === '*' || !word(s[k]))) return start;
  }
  return -1;
}

/** Reads a link destination after `(`, parentheses balanced; returns [url, end] or undefined. */
function destination(s: string, i: number): [string, number] | undefined {
  // Capped, so a flood of `(` cannot cost quadratic time.
  for (let depth = 0, k = i; k < s.length && k - i < 2048 && !space(s[k]); k++) {
    if (s[k] === '(') depth++;
    else if (s[k] === ')' && !depth--) return [s.slice(i, k), k + 1];
  }
}

/** Parses inline markdown (emphasis, links, images, bare URLs, line breaks) into nodes. */
export function parseInline(s: string, slots: readonly RichNode[], depth: number): RichNode[] {
  const out: RichNode[] = [];
  const failed = new Set<string>();
  let text = '';
  const push = (...nodes: RichNode[]) => {
    out.push(...splice(text, slots), ...nodes);
    text = '';
  };
  const inner = (from: number, to: number) => parseInline(s.slice(from, to), slots, depth + 1);

  for (let i = 0; i < s.length;) {
    const c = s[i]!;
    if (depth < MAX_DEPTH) {
      if (c === '\n') {
        text = text.trimEnd();
        push(el('br'));
        while (s[++i] === ' ');
        continue;
      }
      if (c === '*' || c === '_') {
        let e = i;
        while (s[e] === c) e++;
        const n = e - i;
        const key = c + n;
        const opens = n < 4 && !space(s[e]) && !(c === '_' && word(s[i - 1])) && !failed.has(key);
        const end = opens ? closer(s, c, n, e) : -1;
        if (end > 0) {
          // `***x***` is `**` around `*x*`.
          const body = n > 2 ? inner(i + 2, end + 1) : inner(e, end);
          push(el(n > 1 ? 'strong' : 'em', body));
          i = end + n;
        } else {
          if (opens) failed.add(key);
          text += s.slice(i, e);
          i = e;
        }
        continue;
      }
      const image = c === '!' && s[i + 1] === '[';
      if (c === '[' || image) {
        const o = image ? i + 1 : i;
        let k = o + 1;
        while (k < s.length && s[k] !== ']' && s[k] !== '[') k++;
        const dest = s[k] === ']' && s[k + 1] === '(' ? destination(s, k + 2) : undefined;
        if (dest) {
          const href = safeUrl(decodeEntities(dest[0]));
          const label = inner(o + 1, k);
          // Images are never loaded: a safe one becomes a link to it, an unsafe one its alt text.
          if (image && href && !label.length) label.push('image');
          push(...(href ? [el('a', label, href)] : label));
          i = dest[1];
          continue;
        }
      }
      if (c === 'h' && !word(s[i - 1]) && /^https?:\/\/[^\s<]/i.test(s.slice(i, i + 9))) {
        let e = i;
        while (e < s.length && e - i < 2048 && !/[\s<>\ue000-\uf8ff]/.test(s[e]!)) e++;
        // Sentence punctuation after a URL is not part of it.
        while (/[.,:;!?"')\]*_~]/.test(s[e - 1]!)) e--;
        const url = decodeEntities(s.slice(i, e));
        push(el('a', [url], safeUrl(url)));
        i = e;
        continue;
      }
    }
    text += c;
    i++;
  }
  push();
  return out;
}
