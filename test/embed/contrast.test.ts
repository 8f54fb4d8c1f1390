import { describe, expect, it } from 'vitest';
import { textColorOn } from '../../src/embed/contrast.ts';

describe('textColorOn', () => {
  it('puts white text on a dark primary colour', () => {
    expect(textColorOn('#1f5fbf', document.body)).toBe('#ffffff');
    expect(textColorOn('rgb(20, 20, 60)', document.body)).toBe('#ffffff');
  });

  it('puts dark text on a light primary colour', () => {
    expect(textColorOn('#ffd400', document.body)).toBe('#111418');
    expect(textColorOn('rgb(240, 240, 240)', document.body)).toBe('#111418');
  });

  it('gives up on a colour the browser cannot read', () => {
    expect(textColorOn('not-a-colour', document.body)).toBeUndefined();
  });
});
