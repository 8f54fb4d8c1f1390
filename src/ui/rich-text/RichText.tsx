import { h, type ComponentChildren, type VNode } from 'preact';
import { useMemo } from 'preact/hooks';
import type { RichNode } from './nodes.ts';
import { parseReply } from './parse-reply.ts';
import { plainText } from './plain-text.ts';

/** What a code block gets beside it (a Copy button), given the block's text. */
export type CodeAction = (text: string) => ComponentChildren;

/** Turns parsed nodes into vnodes; a link inside a link keeps only its text, as HTML requires. */
function render(nodes: RichNode[], inLink: boolean, code?: CodeAction): ComponentChildren[] {
  return nodes.map((n) => {
    if (typeof n === 'string') return n;
    const children = render(n.children, inLink || n.tag === 'a', code);
    if (n.tag === 'pre' && code) {
      return h('div', { class: 'code' }, h('pre', null, children), code(plainText(n.children)));
    }
    if (n.tag !== 'a') return h(n.tag, null, children);
    return n.href && !inLink
      ? h('a', { href: n.href, target: '_blank', rel: 'noopener noreferrer' }, children)
      : children;
  });
}

/**
 * Renders an untrusted assistant reply — allowlisted HTML and/or markdown — as Preact elements only
 * (never `innerHTML`): paragraphs, line breaks, bold, italic, safe links, lists and code. `renderCode`
 * adds an action beside each code block.
 */
export function RichText({ text, renderCode }: { text: string; renderCode?: CodeAction }): VNode {
  const nodes = useMemo(() => parseReply(text), [text]);
  return h('div', null, render(nodes, false, renderCode));
}
