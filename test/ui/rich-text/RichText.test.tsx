import { screen } from '@testing-library/preact';
import { describe, expect, test } from 'vitest';
import { markup, renderReply } from './render-reply.ts';

const LINK = 'target="_blank" rel="noopener noreferrer"';

describe('RichText renders the HTML Quickchat sends', () => {
  test('turns <br> into a line break', () => {
    expect(markup('Hello<br>World<br/>again')).toBe('Hello<br>World<br>again');
  });

  test('shows a lone paragraph as plain text and several as paragraphs', () => {
    expect(markup('<p>Hello! How can I help?</p>')).toBe('Hello! How can I help?');
    expect(markup('<p>One</p>\n<p>Two</p>')).toBe('<p>One</p><p>Two</p>');
  });

  test('keeps bold, italic and code, mapping <b> and <i> to strong and em', () => {
    expect(markup('<b>a</b> <strong>b</strong> <i>c</i> <em>d</em> <code>e</code>')).toBe(
      '<strong>a</strong> <strong>b</strong> <em>c</em> <em>d</em> <code>e</code>',
    );
  });

  test('renders lists, closing list items left open', () => {
    // Newlines between items stay as (invisible) whitespace, as in the HTML they came from.
    expect(markup('<ul>\n<li>a</li>\n<li>b <b>c</b></li>\n</ul><ol><li>x<li>y</ol>')).toBe(
      '<ul>\n<li>a</li>\n<li>b <strong>c</strong></li>\n</ul><ol><li>x</li><li>y</li></ol>',
    );
  });

  test('keeps code blocks verbatim', () => {
    expect(markup('<pre><code>if (a &lt; b) {\n  go();\n}</code></pre>')).toBe(
      '<pre dir="ltr" tabindex="0"><code>if (a &lt; b) {\n  go();\n}</code></pre>',
    );
  });

  test('opens safe links in a new tab and shows unsafe ones as text', () => {
    renderReply(
      '<a href="https://example.com/a?b=1&amp;c=2">docs</a> <a href="javascript:x()">bad</a>',
    );
    expect(screen.getByRole('link', { name: 'docs' }).outerHTML).toBe(
      `<a href="https://example.com/a?b=1&amp;c=2" ${LINK}>docs</a>`,
    );
    expect(screen.queryByRole('link', { name: 'bad' })).toBeNull();
    expect(screen.getByText(/bad/)).toBeTruthy();
  });

  test('drops unknown tags but keeps their text', () => {
    expect(markup('<span class="x">kept</span> <font color=red>too</font>')).toBe('kept too');
  });

  test('drops scripts and styles with their content', () => {
    expect(markup('a<script>alert(1)</script>b<style>*{}</style>c')).toBe('abc');
  });

  test('shows an image as a link to it, never loading it', () => {
    expect(markup('<img src="https://example.com/cat.png" alt="A cat">')).toBe(
      `<a href="https://example.com/cat.png" ${LINK}>A cat</a>`,
    );
  });
});

describe('RichText renders markdown', () => {
  test('bold, italic and inline code', () => {
    expect(markup('**bold**, *italic*, _also_, ***both*** and `a < b`')).toBe(
      '<strong>bold</strong>, <em>italic</em>, <em>also</em>, <strong><em>both</em></strong> and <code>a &lt; b</code>',
    );
  });

  test('links, with unsafe ones shown as their text', () => {
    expect(markup('[Docs](https://example.com) and [bad](javascript:alert(1))')).toBe(
      `<a href="https://example.com" ${LINK}>Docs</a> and bad`,
    );
  });

  test('images as links labelled with their alt text', () => {
    expect(markup('![A cat](https://example.com/cat.png) ![](https://example.com/x.png)')).toBe(
      `<a href="https://example.com/cat.png" ${LINK}>A cat</a> <a href="https://example.com/x.png" ${LINK}>image</a>`,
    );
  });

  test('bullet and numbered lists, nested', () => {
    expect(markup('Steps:\n1. one\n2. two\n   - sub\n\n* x\n- y')).toBe(
      '<p>Steps:</p><ol><li>one</li><li>two<ul><li>sub</li></ul></li></ol><ul><li>x</li><li>y</li></ul>',
    );
  });

  test('paragraphs on blank lines and line breaks on single newlines', () => {
    expect(markup('one\ntwo\n\nthree')).toBe('<p>one<br>two</p><p>three</p>');
  });

  test('fenced code blocks, verbatim', () => {
    expect(markup('Run:\n```sh\nnpm i **x** <b>\n```\nDone')).toBe(
      '<p>Run:</p><pre dir="ltr" tabindex="0"><code>npm i **x** &lt;b&gt;</code></pre><p>Done</p>',
    );
  });

  test('bare URLs as links, leaving sentence punctuation and angle brackets outside', () => {
    expect(markup('See https://example.com/a. Or <https://example.com/b>')).toBe(
      `See <a href="https://example.com/a" ${LINK}>https://example.com/a</a>. Or &lt;<a href="https://example.com/b" ${LINK}>https://example.com/b</a>&gt;`,
    );
  });

  test('an address in angle brackets stays readable', () => {
    expect(renderReply('Write to <help@example.com>').textContent).toBe(
      'Write to <help@example.com>',
    );
  });

  test('headings as bold paragraphs', () => {
    expect(markup('### Summary\nAll good')).toBe('<p><strong>Summary</strong></p><p>All good</p>');
  });

  test('code shown as written, entities included, and an unclosed fence running to the end', () => {
    expect(markup('`&amp;` and\n```\n**not bold**')).toBe(
      '<p><code>&amp;amp;</code> and</p><pre dir="ltr" tabindex="0"><code>**not bold**</code></pre>',
    );
  });

  test('a link inside a link keeps only its text', () => {
    expect(markup('<a href="https://a.example">see [b](https://b.example)</a>')).toBe(
      `<a href="https://a.example" ${LINK}>see b</a>`,
    );
  });

  test('markdown inside HTML and HTML inside markdown', () => {
    expect(markup('<p>**Hi** [x](https://a.example)</p>')).toBe(
      `<strong>Hi</strong> <a href="https://a.example" ${LINK}>x</a>`,
    );
    expect(markup('Options:<br>- **A** <i>one</i><br>- B')).toBe(
      '<p>Options:</p><ul><li><strong>A</strong> <em>one</em></li><li>B</li></ul>',
    );
  });
});

describe('RichText keeps text readable', () => {
  test('comparison signs and lone asterisks stay as written', () => {
    expect(renderReply('a < b and c > d; 5 * 3 * 2').textContent).toBe(
      'a < b and c > d; 5 * 3 * 2',
    );
  });

  test('entities are decoded exactly once', () => {
    expect(
      renderReply('&amp;lt;script&amp;gt; &lt;b&gt; &#39;q&#x27; caf&eacute; &#169;&nbsp;x')
        .textContent,
    ).toBe("&lt;script&gt; <b> 'q' caf&eacute; ©\u00a0x");
  });

  test('Windows line endings work like plain newlines', () => {
    expect(markup('one\r\ntwo\r\n\r\n- a\r\n- b')).toBe(
      '<p>one<br>two</p><ul><li>a</li><li>b</li></ul>',
    );
  });

  test('snake_case words keep their underscores', () => {
    expect(renderReply('use snake_case_names here').textContent).toBe('use snake_case_names here');
  });
});
