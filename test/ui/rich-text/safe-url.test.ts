import { describe, expect, test } from 'vitest';
import { safeUrl } from '../../../src/ui/rich-text/safe-url.ts';

describe('safeUrl', () => {
  test.each([
    'https://example.com/a?b=1',
    'HTTP://EXAMPLE.COM',
    'mailto:help@example.com',
    'tel:+15550100',
  ])('allows %s', (url) => {
    expect(safeUrl(url)).toBe(url);
  });

  test('removes control characters and surrounding whitespace, returning what it checked', () => {
    expect(safeUrl('  https://exa\u0000mple.com/\t  ')).toBe('https://example.com/');
  });

  test.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' \u0001javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    '//evil.example',
    '/relative/path',
    'page.html',
    'java script:alert(1)',
    'https\u200b://example.com',
    '',
  ])('refuses %j', (url) => {
    expect(safeUrl(url)).toBeUndefined();
  });

  test('refuses a missing URL', () => {
    expect(safeUrl(undefined)).toBeUndefined();
  });
});
