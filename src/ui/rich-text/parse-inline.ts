import { decodeEntities } from './entities.ts';
import { el, MAX_DEPTH, type RichNode } from './nodes.ts';
import { safeUrl } from './safe-url.ts';
import { splice } from './splice.ts';

// Every scan below either consumes what it scanned or records that it failed, and the regexes have
// parts that cannot overlap, so a paragraph is parsed in linear time per nesting level.

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

// `[label](url)` or `![alt](src)`: a label without brackets, a URL without spaces and at most one
// level of balanced parentheses (Wikipedia's URLs have them). The parts cannot overlap, so a
// failed match costs time linear in what it read.
const LINK = /(!?)\[([^[\]]*)\]\(([^\s()]*(?:\([^\s()]*\)[^\s()]*)*)\)/y;

// A bare URL runs to whitespace, `<`, `>` or an element's slot.
const BARE = /https?:\/\/[^\s<>\ue000-\uf8ff]+/iy;

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
        push(el('br'));
        i++;
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
      LINK.lastIndex = i;
      const link = (c === '[' || c === '!') && LINK.exec(s);
      if (link) {
        const [all, image, label, url] = link;
        const href = safeUrl(decodeEntities(url!));
        const nodes = parseInline(label!, slots, depth + 1);
        // Images are never loaded: a safe one becomes a link to it, an unsafe one its alt text.
        if (image && href && !nodes.length) nodes.push('image');
        push(...(href ? [el('a', nodes, href)] : nodes));
        i += all.length;
        continue;
      }
      BARE.lastIndex = i;
      const bare = !word(s[i - 1]) && BARE.exec(s)?.[0];
      if (bare) {
        // Sentence punctuation after a URL is not part of it.
        let e = bare.length;
        while (/[.,:;!?"')\]*_~]/.test(bare[e - 1]!)) e--;
        const url = decodeEntities(bare.slice(0, e));
        push(el('a', [url], safeUrl(url)));
        i += e;
        continue;
      }
    }
    text += c;
    i++;
  }
  push();
  return out;
}
