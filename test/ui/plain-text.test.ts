import { describe, expect, it } from 'vitest';
import { plainText } from '../../src/ui/plain-text.ts';

describe('plainText', () => {
  it('reads a reply without its markup', () => {
    expect(plainText('Pay by <b>card</b><br>or **invoice**.')).toBe('Pay by card or invoice.');
  });

  it('keeps the words of list items apart', () => {
    expect(plainText('- one\n- two')).toBe('one two');
  });
});
