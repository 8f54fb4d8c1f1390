import { el, type RichNode } from './nodes.ts';

// An opening run of three or more backticks, an info string without backticks, then everything up
// to a closing run at least as long on a line of its own, or to the end of the reply (CommonMark).
// The lazy body tests one character per step, so the match is linear.
const FENCE = /(`{3,})[^`\n]*(?=\n|$)([^]*?)(?:\n *\1`*[ \t]*(?=\n|$)|$)/y;

/**
 * Reads a fenced code block at `i`, which starts a line `indent` spaces in; returns the block and
 * the index where its closing fence ends.
 */
export function fence(s: string, i: number, indent: number): [RichNode, number] | undefined {
  FENCE.lastIndex = i;
  const body = FENCE.exec(s)?.[2];
  // The body starts with the opening line's newline; its lines lose the fence's own indentation.
  const code = body?.slice(1).replace(RegExp(`^ {0,${indent}}`, 'gm'), '');
  return code === undefined ? undefined : [el('pre', [el('code', [code])]), FENCE.lastIndex];
}

// A code span stays on one line and holds no backtick, so this regex is linear: its classes
// cannot overlap, and a failed attempt is skipped as a whole run of backticks.
const SPAN = /(`+)([^`\n]+)\1(?!`)|`+/y;

/** Reads the inline code span (or, if nothing closes it, the run of backticks) at `i`. */
export function span(s: string, i: number): [RichNode, number] {
  SPAN.lastIndex = i;
  const [run, , code] = SPAN.exec(s)!;
  return [code ? el('code', [code]) : run, i + run.length];
}
