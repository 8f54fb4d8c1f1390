import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { renderReply } from './render-reply.ts';
import { unsafeParts } from './unsafe-parts.ts';

const url = fc.constantFrom(
  'https://example.com/a?b=1&amp;c=2',
  'mailto:a@example.com',
  'tel:+15550100',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  'jav&#x09;ascript:alert(1)',
  '&#106;avascript:alert(1)',
  'javascript&colon;alert(1)',
  '\u0000javascript:alert(1)',
  ' javascript:alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html,<script>alert(1)</script>',
  '//evil.example',
  '/relative',
);
const tagName = fc.constantFrom(
  'p',
  'br',
  'b',
  'strong',
  'i',
  'em',
  'a',
  'ul',
  'ol',
  'li',
  'code',
  'pre',
  'div',
  'h2',
  'span',
  'img',
  'script',
  'style',
  'svg',
  'math',
  'iframe',
  'noscript',
  'textarea',
  'title',
  'template',
  'xmp',
  'object',
  'embed',
  'form',
  'input',
  'x-y',
);
const attribute = fc
  .tuple(fc.constantFrom('href', 'src', 'alt', 'onerror', 'onclick', 'style', 'class'), url)
  .chain(([name, value]) =>
    fc.constantFrom(`${name}="${value}"`, `${name}='${value}'`, `${name}=${value}`, name),
  );
const tag = fc
  .tuple(fc.boolean(), tagName, fc.array(attribute, { maxLength: 3 }), fc.boolean())
  .map(([closing, name, attrs, close]) =>
    closing ? `</${name}>` : `<${[name, ...attrs].join(' ')}${close ? '>' : ''}`,
  );
const markdown = fc.oneof(
  fc.constantFrom(
    '**',
    '*',
    '_',
    '__',
    '`',
    '```\n',
    '\n```',
    '- ',
    '1. ',
    '# ',
    '\n',
    '\n\n',
    '  ',
    '[',
    ']',
    '](',
    ')',
    '![',
    '(',
    '<',
    '>',
    '"',
    "'",
    '=',
    '/',
    '&',
    '&#',
    ';',
    '&amp;',
    '&lt;',
    '&gt;',
    '&#39;',
    '&#x27;',
    '&nbsp;',
    '&#106;',
    '&colon;',
    '<!--',
    '-->',
    '<![CDATA[',
    ']]>',
    'https://example.com',
    'word',
    'two words',
    '5 * 3',
    'a < b',
  ),
  url.map((u) => `[link](${u})`),
  url.map((u) => `![alt](${u})`),
);
const fragment = fc.oneof(
  { arbitrary: tag, weight: 3 },
  { arbitrary: markdown, weight: 4 },
  { arbitrary: url, weight: 1 },
  { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
);
const reply = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));

describe('RichText on generated replies', () => {
  test('never throws and renders only allowlisted elements with safe links', () => {
    fc.assert(
      fc.property(reply, (text) => {
        expect(unsafeParts(renderReply(text))).toEqual([]);
      }),
      { numRuns: 1500 },
    );
    // 1,500 renders in jsdom take a few seconds; leave room for slow CI machines.
  }, 60_000);

  test('shows plain prose exactly as written', () => {
    const prose = fc
      .array(fc.stringMatching(/^[A-Za-z][A-Za-z0-9,.?!'()-]{0,9}$/), {
        minLength: 1,
        maxLength: 20,
      })
      .map((words) => words.join(' '));
    fc.assert(
      fc.property(prose, (text) => {
        expect(renderReply(text).textContent).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});
