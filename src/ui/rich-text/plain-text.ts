import type { RichNode } from './nodes.ts';
import { parseReply } from './parse-reply.ts';

/** The text of parsed nodes: blocks on their own lines, list items as "- …", links with their URL. */
export function plainText(nodes: RichNode[]): string {
  return nodes
    .map((node) => {
      if (typeof node === 'string') return node;
      const text = plainText(node.children);
      if (node.tag === 'br') return '\n';
      if (node.tag === 'li') return `- ${text.trim()}\n`;
      if (/^(p|pre|ul|ol)$/.test(node.tag)) return `\n${text.trimEnd()}\n\n`;
      return node.href && node.href !== text ? `${text} (${node.href})` : text;
    })
    .join('');
}

/**
 * A reply (allowlisted markup) as plain text, for Copy and the transcript: what the visitor reads,
 * without markup, never the raw HTML or markdown.
 */
export function replyAsPlainText(reply: string): string {
  return plainText(parseReply(reply))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
