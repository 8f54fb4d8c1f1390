import { decodeEntities } from './entities.ts';
import { el, MAX_DEPTH, MAX_LENGTH, type RichNode, type RichTag } from './nodes.ts';
import { parseBlocks, unwrap } from './parse-blocks.ts';
import { codeSpans, fence } from './parse-code.ts';
import { parseInline } from './parse-inline.ts';
import { safeUrl } from './safe-url.ts';
import { MAX_SLOTS, slotChar, splice } from './splice.ts';

// Elements dropped together with everything inside them: their content is code, styles or markup
// that browsers parse by other rules (the mutation-XSS family), never text meant for the visitor.
const DROP =
  /^(script|style|iframe|object|template|svg|math|noscript|textarea|title|xmp|noembed|noframes|plaintext)$/;
const AUTOLINK = /<([a-z][\w+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>/iy;
const NAME = /[a-z][^\s/>]*/iy;

/** The allowlisted tag an HTML tag name maps to, if any. */
function allowed(name: string): RichTag | undefined {
  if (/^(p|strong|em|a|ul|ol|li|code|pre)$/.test(name)) return name as RichTag;
  if (name === 'b') return 'strong';
  if (name === 'i') return 'em';
  if (/^(div|h[1-6]|blockquote)$/.test(name)) return 'p';
}

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
  // Browsers drop the newline right after <pre>; whitespace between list items is layout.
  const nodes = splice(tag === 'pre' ? s.replace(/^\n/, '') : s, slots);
  return tag === 'ul' || tag === 'ol'
    ? nodes.filter((n) => typeof n === 'object' || n.trim())
    : nodes;
}

/**
 * Parses an untrusted reply (allowlisted HTML and/or markdown) into allowlisted nodes.
 * HTML is tokenized first, into a tree of frames; when a frame closes, markdown runs over its text.
 */
export function parseReply(reply: string): RichNode[] {
  // Private-use characters are the slot markers; a reply must not be able to forge one.
  const s = reply.slice(0, MAX_LENGTH).replace(/[\ue000-\uf8ff]/g, '');
  const root: Frame = { s: '', slots: [] };
  const stack = [root];
  let top = root;
  let raw = 0;
  let gt = -2;
  const span = codeSpans(s);
  const add = (n: RichNode) => {
    if (top.slots.length < MAX_SLOTS) top.s += slotChar(top.slots.push(n) - 1);
  };
  const close = () => {
    const f = stack.pop()!;
    top = stack.at(-1)!;
    if (f.tag === 'pre' || f.tag === 'code') raw--;
    add(el(f.tag!, content(f, stack.length), f.href));
  };

  /** Handles the tag (or comment, or autolink) at `i`; returns where it ends, or -1 if it is text. */
  const tag = (i: number): number => {
    if (s.startsWith('<!--', i)) return s.indexOf('-->', i + 4) + 3 || s.length;
    if (s[i + 1] === '!' || s[i + 1] === '?') return s.indexOf('>', i) + 1 || s.length;
    AUTOLINK.lastIndex = i;
    const auto = AUTOLINK.exec(s)?.[1];
    if (auto) {
      const url = decodeEntities(auto);
      add(el('a', [url], safeUrl(url.includes(':') ? url : 'mailto:' + url)));
      return AUTOLINK.lastIndex;
    }
    const closing = s[i + 1] === '/';
    NAME.lastIndex = i + 1 + +closing;
    const name = NAME.exec(s)?.[0].toLowerCase();
    // Without a `>` ahead nothing can be a tag; remembering that keeps `a<b<c<d…` linear.
    if (gt !== -1 && gt < i) gt = s.indexOf('>', i);
    if (!name || gt < 0) return -1;
    const attrs: Record<string, string> = {};
    const lim = Math.min(s.length, i + 2048);
    let k = NAME.lastIndex;
    for (;;) {
      while (k < lim && /[\s/]/.test(s[k]!)) k++;
      if (k >= lim) return -1;
      if (s[k] === '>') break;
      const from = k++;
      while (k < lim && !/[\s/>=]/.test(s[k]!)) k++;
      const key = s.slice(from, k).toLowerCase();
      while (k < lim && /\s/.test(s[k]!)) k++;
      let value = '';
      if (s[k] === '=') {
        while (++k < lim && /\s/.test(s[k]!));
        const q = s[k];
        const v = k;
        if (q === '"' || q === "'") while (++k < lim && s[k] !== q);
        else while (k < lim && !/[\s>]/.test(s[k]!)) k++;
        if (k >= lim) return -1;
        value = q === '"' || q === "'" ? s.slice(v + 1, k++) : s.slice(v, k);
      }
      if (/^(href|src|alt)$/.test(key)) attrs[key] ??= decodeEntities(value);
    }
    const end = k + 1;
    const t = allowed(name);
    if (closing) {
      const at = t ? stack.map((f) => f.tag).lastIndexOf(t) : -1;
      if (at > 0) while (stack.length > at) close();
    } else if (DROP.test(name) && s[k - 1] !== '/') {
      if (name === 'plaintext') return s.length;
      const shut = new RegExp('</' + name, 'gi');
      shut.lastIndex = end;
      const found = shut.exec(s);
      return found ? s.indexOf('>', found.index) + 1 || s.length : s.length;
    } else if (name === 'br') top.s += '\n';
    else if (name === 'img') {
      // Images are never loaded: a safe one becomes a link to it, an unsafe one its alt text.
      const href = safeUrl(attrs.src);
      const alt = attrs.alt ?? '';
      if (href || alt) add(href ? el('a', [alt || 'image'], href) : alt);
    } else if (t && stack.length <= MAX_DEPTH) {
      if ((top.tag === 'p' && /^(p|ul|ol|li|pre)$/.test(t)) || (t === 'li' && top.tag === 'li')) {
        close();
      }
      stack.push(
        (top = { tag: t, href: t === 'a' ? safeUrl(attrs.href) : undefined, s: '', slots: [] }),
      );
      if (t === 'pre' || t === 'code') raw++;
    }
    return end;
  };

  const code = (i: number, indent: number): number => {
    const block = indent >= 0 ? fence(s, i, indent) : undefined;
    if (block || s[i] === '~') {
      if (block) add(block[0]);
      return block ? block[1] : -1;
    }
    const [node, end] = span(i);
    if (typeof node === 'string') top.s += node;
    else add(node);
    return end;
  };

  // `indent` counts the spaces since the start of a line, or is -1 once other text is seen.
  for (let i = 0, mark = 0, indent = 0; i <= s.length;) {
    const c = s[i];
    let end = -1;
    if (c === '<' || (!raw && (c === '`' || (c === '~' && indent >= 0)))) {
      top.s += s.slice(mark, i);
      mark = i;
      end = c === '<' ? tag(i) : code(i, indent);
    }
    if (end >= 0) {
      mark = i = end;
      indent = top.s.endsWith('\n') ? 0 : -1;
    } else if (i++ === s.length) top.s += s.slice(mark);
    else indent = c === '\n' ? 0 : c === ' ' && indent >= 0 ? indent + 1 : -1;
  }
  while (stack.length > 1) close();
  return content(root, 0);
}
