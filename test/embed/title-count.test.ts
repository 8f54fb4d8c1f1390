// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { countInTitle } from '../../src/embed/title-count.ts';

function setVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => setVisibility('visible'));

describe('the unread count in the title', () => {
  it('counts replies while the tab is hidden and goes when the visitor is back', () => {
    document.title = 'Shop';
    const title = countInTitle();
    title.reply();
    expect(document.title).toBe('Shop');
    setVisibility('hidden');
    title.reply();
    title.reply();
    expect(document.title).toBe('(2) Shop');
    setVisibility('visible');
    expect(document.title).toBe('Shop');
    title.remove();
  });

  it('follows a title the page changed meanwhile, and undoes itself on remove', () => {
    document.title = 'Shop';
    const title = countInTitle();
    setVisibility('hidden');
    title.reply();
    document.title = 'Cart';
    title.reply();
    expect(document.title).toBe('(2) Cart');
    title.remove();
    expect(document.title).toBe('Cart');
    setVisibility('visible');
    title.reply();
    expect(document.title).toBe('Cart');
  });
});
