import { el, isBlock, MAX_DEPTH, type RichNode } from './nodes.ts';
import { parseInline } from './parse-inline.ts';

// Anchored, with no nested quantifiers: each test is linear in the line's length.
const LIST = /^( *)([-*+]|(\d{1,9})[.)])[ \t]+(?=\S)/;
const HEADING = /^ {0,3}#{1,6}[ \t]+/;

const blank = (n: RichNode | undefined) =>
  n !== undefined && (typeof n === 'string' ? !n.trim() : n.tag === 'br');

/** Drops the paragraph around the first block when it stands alone, or always (`first`). */
export function unwrap(blocks: RichNode[], first: boolean): RichNode[] {
  const [head, ...rest] = blocks;
  return typeof head === 'object' && head.tag === 'p' && (first || !rest.length)
    ? [...head.children, ...rest]
    : blocks;
}

/** Wraps inline runs in paragraphs, leaving slotted blocks (an HTML list, a code block) between. */
function paragraphs(nodes: RichNode[]): RichNode[] {
  const out: RichNode[] = [];
  let run: RichNode[] = [];
  const end = () => {
    // Line breaks next to a block are the newlines around it in the source, not the author's.
    let a = 0;
    let b = run.length;
    while (a < b && blank(run[a])) a++;
    while (b > a && blank(run[b - 1])) b--;
    if (a < b) out.push(el('p', run.slice(a, b)));
    run = [];
  };
  for (const n of nodes) {
    if (isBlock(n)) {
      end();
      out.push(n);
    } else run.push(n);
  }
  end();
  return out;
}

/** Collects the list starting at `lines[i]` into `out`; returns the index of the first line after it. */
function list(
  lines: string[],
  i: number,
  slots: readonly RichNode[],
  depth: number,
  out: RichNode[],
) {
  const first = LIST.exec(lines[i]!)!;
  const ordered = !!first[3];
  const base = first[1]!.length;
  const items: RichNode[] = [];
  let item: string[] = [];
  let width = 0;
  let gap = false;
  const done = () => {
    if (item.length)
      items.push(el('li', unwrap(parseBlocks(item.join('\n'), slots, depth + 1), true)));
  };
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const m = LIST.exec(line);
    const indent = line.length - line.trimStart().length;
    // Chat models indent nested lists loosely, so any marker indented past the first one nests.
    if (m && indent <= base + 1) {
      if (!!m[3] !== ordered) break;
      done();
      item = [line.slice(m[0].length)];
      width = m[0].length;
    } else if (!line.trim()) item.push('');
    else if (indent > base) item.push(line.slice(Math.min(indent, width)));
    else if (gap) break;
    else item.push(line);
    gap = !line.trim();
  }
  done();
  out.push(el(ordered ? 'ol' : 'ul', items));
  return i;
}

/** Parses block markdown (paragraphs, lists, headings) of one container's source into nodes. */
export function parseBlocks(src: string, slots: readonly RichNode[], depth: number): RichNode[] {
  const lines = src.split('\n');
  const out: RichNode[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push(...paragraphs(parseInline(para.join('\n'), slots, depth)));
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) flush();
    else if (HEADING.test(line)) {
      // A heading is a bold paragraph: a chat bubble has no room for a title hierarchy.
      flush();
      para.push(line.replace(HEADING, '**').trim() + '**');
      flush();
    } else if (depth < MAX_DEPTH && LIST.test(line)) {
      flush();
      i = list(lines, i, slots, depth, out) - 1;
    } else para.push(line.trim());
  }
  flush();
  return out;
}
