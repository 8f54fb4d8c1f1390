import { describe, expect, test } from 'vitest';
import { decodeEntities } from '../../../src/ui/rich-text/entities.ts';

describe('decodeEntities', () => {
  test('decodes the named references escaping produces', () => {
    expect(decodeEntities('&amp; &lt; &gt; &quot; &apos; &nbsp; &AMP;')).toBe(
      '& < > " \' \u00a0 &',
    );
  });

  test('decodes decimal and hex references, with or without the semicolon', () => {
    expect(decodeEntities('&#39; &#x27; &#X41; &#106avascript &#128512;')).toBe(
      "' ' A javascript 😀",
    );
  });

  test('decodes exactly once', () => {
    expect(decodeEntities('&amp;lt;script&amp;gt; &#38;#106;')).toBe('&lt;script&gt; &#106;');
  });

  test('leaves unknown names, bare ampersands and named references without a semicolon alone', () => {
    expect(decodeEntities('&copy; AT&T &amp &ltb')).toBe('&copy; AT&T &amp &ltb');
  });

  test('replaces code points outside Unicode with U+FFFD', () => {
    expect(decodeEntities('&#x110000; &#9999999;')).toBe('\ufffd \ufffd');
  });
});
