import { el, type RichNode } from './nodes.ts';

/**
 * Reads a fenced code block (three or more backticks at the start of a line, `indent` spaces in);
 * returns the block and the index where its closing fence ends. An unclosed fence runs to the end
 * of the reply, as in CommonMark.
 */
export function fence(s: string, i: number, indent: number): [RichNode, number] | undefined {
  const run = /`{3,}/y;
  run.lastIndex = i;
  const ticks = run.exec(s)?.[0];
  const eol = s.indexOf('\n', i) + 1 || s.length;
  if (!ticks || s.slice(run.lastIndex, eol).includes('`')) return;
  const close = new RegExp(`^ *${ticks}\`*[ \\t]*$`, 'gm');
  close.lastIndex = eol;
  const m = close.exec(s);
  // Lines inside the fence lose the fence's own indentation (when it sits in a list item).
  const code = s
    .slice(eol, m ? m.index - 1 : s.length)
    .replace(RegExp(`^ {0,${indent}}`, 'gm'), '');
  return [el('pre', [el('code', [code])]), m ? close.lastIndex : s.length];
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
