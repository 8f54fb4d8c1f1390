import { describe, expect, test } from 'vitest';
import { MAX_DEPTH, MAX_LENGTH } from '../../../src/ui/rich-text/nodes.ts';
import { renderReply } from './render-reply.ts';
import { unsafeParts } from './unsafe-parts.ts';

// Inputs built to trigger quadratic scans or deep recursion in a naive parser. Each must render
// (a hang would time the test out) and the assertions check only what is shown.
const text = (reply: string) => renderReply(reply).textContent;

describe('RichText on hostile input', () => {
  test.each([
    ['asterisks', '*'.repeat(MAX_LENGTH)],
    ['unclosed bold openers', '**a '.repeat(MAX_LENGTH / 4 - 1) + 'end'],
    ['unclosed underscores', '_a '.repeat(MAX_LENGTH / 3 - 1) + 'end'],
    ['brackets', '['.repeat(MAX_LENGTH)],
    [
      'backticks of growing length',
      Array.from({ length: 190 }, (_, i) => '`'.repeat(i + 1)).join('a'),
    ],
    ['ampersands', '&#'.repeat(MAX_LENGTH / 2)],
  ])('keeps %s as text', (_, reply) => {
    expect(text(reply)).toBe(reply);
  });

  test.each([
    ['links without a destination end', '[a]('.repeat(MAX_LENGTH / 4)],
    ['a destination of open parentheses', '[a](' + '('.repeat(MAX_LENGTH)],
    ['tags that never close', '<a '.repeat(MAX_LENGTH / 3)],
    ['tags that close too far away', '<a '.repeat(MAX_LENGTH / 3 - 1) + '>'],
    ['links whose destinations never end', '[a](b(c)d'.repeat(MAX_LENGTH / 9)],
    ['a closing > far behind unclosed quotes', '<a x="'.repeat(3000) + '>'],
    ['comments that never close', '<!--'.repeat(MAX_LENGTH / 4)],
    ['opened paragraphs', '<p>'.repeat(MAX_LENGTH / 3) + 'end'],
    ['stray closing tags', '</b>'.repeat(MAX_LENGTH / 4) + 'end'],
    ['bare URL prefixes', 'https://'.repeat(MAX_LENGTH / 8)],
    ['code fences', '```\n'.repeat(MAX_LENGTH / 4)],
    ['script openers', '<script>'.repeat(MAX_LENGTH / 8)],
    ['list markers', '- '.repeat(MAX_LENGTH / 2) + 'x'],
    [
      'indented list lines',
      Array.from({ length: 150 }, (_, i) => ' '.repeat(i) + '- x').join('\n'),
    ],
    ['line breaks', 'a\n'.repeat(MAX_LENGTH / 2)],
    // A reply of the maximum length renders in about a second; a busy 2-core CI machine takes
    // several, so these cases get more than the default 5 s before they count as hung.
  ])(
    'renders %s safely',
    (_, reply) => {
      expect(unsafeParts(renderReply(reply))).toEqual([]);
    },
    20_000,
  );

  test('cuts a reply longer than the limit', () => {
    expect(text('a'.repeat(MAX_LENGTH) + 'TAIL')).toBe('a'.repeat(MAX_LENGTH));
  });

  test('caps nesting depth but keeps the innermost text', () => {
    const root = renderReply('<b><i>'.repeat(1000) + 'core');
    let depth = 0;
    for (let node: Element | null = root; node; node = node.firstElementChild) depth++;
    expect(depth).toBeLessThanOrEqual(MAX_DEPTH + 2);
    expect(root.textContent).toBe('core');
  });

  test('caps markdown list nesting too', () => {
    const root = renderReply('- '.repeat(500) + 'leaf');
    expect(root.querySelectorAll('ul').length).toBeLessThanOrEqual(MAX_DEPTH);
    expect(root.textContent).toContain('leaf');
  });
});
