import { h, type ComponentChildren, type VNode } from 'preact';
import { useMemo } from 'preact/hooks';
import { hostToShow, linkText, stripBidi } from './honest-link.ts';
import type { RichNode } from './nodes.ts';
import { parseReply } from './parse-reply.ts';
import { plainText } from './plain-text.ts';

/** What a code block gets beside it (a Copy button), given the block's text. */
export type CodeAction = (text: string) => ComponentChildren;

/**
 * Turns parsed nodes into vnodes; a link inside a link keeps only its text, as HTML requires. A
 * link's text loses its bidi controls and, when it names another host than the target's (or the
 * target is punycode), is followed by the real host inside the link, so its accessible name tells
 * the truth too (honest-link.ts).
 */
function render(nodes: RichNode[], inLink: boolean, code?: CodeAction): ComponentChildren[] {
  return nodes.map((n) => {
    if (typeof n === 'string') return inLink ? stripBidi(n) : n;
    const children = render(n.children, inLink || n.tag === 'a', code);
    if (n.tag === 'pre') {
      // Code reads left to right in a right-to-left panel too. A long line scrolls (panel.css):
      // a scrollable region must be reachable by keyboard (WCAG 2.1.1), which Safari does not do
      // by itself, so the block is a tab stop.
      const pre = h('pre', { dir: 'ltr', tabIndex: 0 }, children);
      return code ? h('div', { class: 'code' }, pre, code(plainText(n.children))) : pre;
    }
    if (n.tag !== 'a') return h(n.tag, null, children);
    if (!n.href || inLink) return children;
    const host = hostToShow(linkText(n.children), n.href);
    if (host !== undefined) children.push(` (${host})`);
    return h('a', { href: n.href, target: '_blank', rel: 'noopener noreferrer' }, children);
  });
}

/**
 * Renders an untrusted assistant reply — allowlisted HTML and/or markdown — as Preact elements only
 * (never `innerHTML`): paragraphs, line breaks, bold, italic, safe links, lists and code. `renderCode`
 * adds an action beside each code block.
 */
export function RichText({ text, renderCode }: { text: string; renderCode?: CodeAction }): VNode {
  const nodes = useMemo(() => parseReply(text), [text]);
  // `dir="auto"`: a reply in another script than the widget's (English in a Hebrew panel) is laid
  // out in its own direction; the bubble stays where the panel's direction puts it.
  return h('div', { dir: 'auto' }, render(nodes, false, renderCode));
}
