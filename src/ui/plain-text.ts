import type { RichNode } from './rich-text/nodes.ts';
import { parseReply } from './rich-text/parse-reply.ts';

const BLOCKS = new Set(['p', 'li', 'pre', 'br']);

/**
 * A reply as a screen reader should hear it in the live region: the words without markup, so
 * `<br>` or `**` is never read aloud, with block boundaries kept as spaces.
 */
export function plainText(reply: string): string {
  const parts: string[] = [];
  const walk = (nodes: readonly RichNode[]): void => {
    for (const node of nodes) {
      if (typeof node === 'string') parts.push(node);
      else {
        walk(node.children);
        if (BLOCKS.has(node.tag)) parts.push(' ');
      }
    }
  };
  walk(parseReply(reply));
  return parts.join('').replace(/\s+/g, ' ').trim();
}
