import { REPLY_CHARS } from '../../core/messages.ts';

/** The only elements a rendered reply may contain; anything else in a reply becomes text or nothing. */
export type RichTag = 'p' | 'br' | 'strong' | 'em' | 'a' | 'ul' | 'ol' | 'li' | 'code' | 'pre';

/** An allowlisted element; `href` is set only on links whose URL passed `safeUrl`. */
export interface RichElement {
  tag: RichTag;
  children: RichNode[];
  href?: string | undefined;
}

/** A node of a parsed reply: display text (already decoded) or an allowlisted element. */
export type RichNode = string | RichElement;

/** Deepest element nesting a reply may produce, so a hostile reply cannot exhaust the stack. */
export const MAX_DEPTH = 20;

/** Longest reply parsed; the rest is cut off so parsing stays fast on hostile input. */
export const MAX_LENGTH = REPLY_CHARS;

/** Builds an element node. */
export const el = (tag: RichTag, children: RichNode[] = [], href?: string): RichElement => ({
  tag,
  children,
  href,
});

/** Tells whether a node is a block that must not sit inside a paragraph. */
export const isBlock = (n: RichNode | undefined): n is RichElement =>
  typeof n === 'object' && /^(p|ul|ol|li|pre)$/.test(n.tag);
