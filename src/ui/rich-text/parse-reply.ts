import { decodeEntities } from './entities.ts';
import { el, MAX_DEPTH, MAX_LENGTH, type RichNode, type RichTag } from './nodes.ts';
import { parseBlocks, unwrap } from './parse-blocks.ts';
import { fence, span } from './parse-code.ts';
import { parseInline } from './parse-inline.ts';
import { safeUrl } from './safe-url.ts';
import { MAX_SLOTS, slotChar, splice } from './splice.ts';

// Elements dropped together with everything inside them: their content is code, styles or markup
// that browsers parse by other rules (the mutation-XSS family), never text meant for the visitor.
const DROP =
  /^(script|style|iframe|object|template|svg|math|noscript|textarea|title|xmp|noembed|noframes|plaintext)$/;
// One regex per tag, on a window of at most 2048 characters, so a `<` that starts no tag costs
// bounded time. The alternatives cannot overlap, so matching is linear in the window.
// A name must end at whitespace, `/` or `>`: `<https://…>` and `<name@host>` are addresses, not
// tags, and left as text they stay readable.
const TAG = /<(\/?)([a-z][\w-]*)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>/iy;
const ATTR = /([^\s/>=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?/g;

/** The allowlisted tag an HTML tag name maps to, if any. */
const allowed = (name: string): RichTag | undefined =>
  /^(p|strong|em|a|ul|ol|li|code|pre)$/.test(name)
    ? (name as RichTag)
    : name === 'b'
      ? 'strong'
      : name === 'i'
        ? 'em'
        : /^(div|h\d|blockquote)$/.test(name)
          ? 'p'
          : undefined;

interface Frame {
  tag?: RichTag;
  href?: string | undefined;
  /** Raw source so far: undecoded text, with a slot character for each child element. */
  s: string;
  slots: RichNode[];
}

/** Turns a finished frame's source into nodes, by the rules of where it sits. */
function content({ tag, s, slots }: Frame, depth: number): RichNode[] {
  if (!tag || tag === 'p' || tag === 'li')
    return unwrap(parseBlocks(s, slots, depth), tag === 'li');
  if (tag === 'strong' || tag === 'em' || tag === 'a') return parseInline(s, slots, depth);
  // Lists, code and preformatted text: no markdown inside. Browsers drop a newline after <pre>.
  return splice(tag === 'pre' ? s.replace(/^\n/, '') : s, slots);
}

/**
 * Parses an untrusted reply (allowlisted HTML and/or markdown) into allowlisted nodes.
 * HTML is tokenized first, into a tree of frames; when a frame closes, markdown runs over its text.
 */
export function parseReply(reply: string): RichNode[] {
  // Private-use characters are the slot markers; a reply must not be able to forge one.
  const s = reply
    .slice(0, MAX_LENGTH)
    .replace(/\r\n?/g, '\n')
    .replace(/[\ue000-\uf8ff]/g, '');
  const root: Frame = { s: '', slots: [] };
  const stack = [root];
  let top = root;
  let gt = -2;
  // Where `needle` next ends; an unclosed comment or dropped element swallows the rest, as in HTML.
  const past = (needle: string, from: number) => {
    const k = s.indexOf(needle, from);
    return k < 0 ? s.length : k + needle.length;
  };
  const add = (n: RichNode) => {
    if (top.slots.length < MAX_SLOTS) top.s += slotChar(top.slots.push(n) - 1);
  };
  const close = () => {
    const f = stack.pop()!;
    top = stack.at(-1)!;
    add(el(f.tag!, content(f, stack.length), f.href));
  };

  /** Handles the tag (or comment) at `i`; returns where it ends, or -1 if the `<` is text. */
  const tag = (i: number): number => {
    if (s.startsWith('<!--', i)) return past('-->', i + 4);
    if (s[i + 1] === '!' || s[i + 1] === '?') return past('>', i);
    // With no `>` within the tag window nothing here can be a tag; remembering where the next `>`
    // is keeps `a<b<c<d…` linear.
    if (gt !== -1 && gt < i) gt = s.indexOf('>', i);
    TAG.lastIndex = 0;
    const m = gt < 0 || gt > i + 2048 ? null : TAG.exec(s.slice(i, i + 2048));
    if (!m) return -1;
    const name = m[2]!.toLowerCase();
    const end = i + m[0].length;
    const attrs: Record<string, string> = {};
    for (const [, key, ...value] of m[3]!.matchAll(ATTR)) {
      const k = key!.toLowerCase();
      if (/^(href|src|alt)$/.test(k)) attrs[k] ??= decodeEntities(value.join(''));
    }
    const t = allowed(name);
    if (m[1]) {
      const at = t ? stack.map((f) => f.tag).lastIndexOf(t) : -1;
      if (at > 0) while (stack.length > at) close();
    } else if (DROP.test(name) && !m[3]!.endsWith('/')) {
      const shut = new RegExp('</' + name, 'gi');
      shut.lastIndex = end;
      const found = shut.exec(s);
      return found ? past('>', found.index) : s.length;
    } else if (name === 'br') top.s += '\n';
    else if (name === 'img') {
      // Images are never loaded: a safe one becomes a link to it, an unsafe one its alt text.
      const href = safeUrl(attrs.src);
      const alt = attrs.alt ?? '';
      if (href || alt) add(href ? el('a', [alt || 'image'], href) : alt);
    } else if (t && stack.length <= MAX_DEPTH) {
      // `<li>a<li>b`: a new item closes the open one, as in HTML.
      if (t === 'li' && top.tag === 'li') close();
      stack.push(
        (top = { tag: t, href: t === 'a' ? safeUrl(attrs.href) : undefined, s: '', slots: [] }),
      );
    }
    return end;
  };

  /** Handles the code span or fence at `i`; returns where it ends. */
  const code = (i: number): number => {
    // A fence must start a line; the spaces before it are its indentation.
    let k = i;
    while (s[k - 1] === ' ') k--;
    const [node, end] = ((!k || s[k - 1] === '\n') && fence(s, i, i - k)) || span(s, i);
    if (typeof node === 'string') top.s += node;
    else add(node);
    return end;
  };

  // Text between tags and backticks is copied as it is; markdown reads it when its frame closes.
  const next = /[<`]/g;
  let mark = 0;
  for (let m; (m = next.exec(s));) {
    const i = m.index;
    top.s += s.slice(mark, i);
    mark = i;
    const end = s[i] === '<' ? tag(i) : code(i);
    if (end >= 0) mark = next.lastIndex = end;
  }
  top.s += s.slice(mark);
  while (stack.length > 1) close();
  return content(root, 0);
}
