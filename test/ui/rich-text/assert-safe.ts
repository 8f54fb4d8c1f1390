import { expect } from 'vitest';

const ALLOWED = new Set(['P', 'BR', 'STRONG', 'EM', 'A', 'UL', 'OL', 'LI', 'CODE', 'PRE']);

/** Whether a URL may appear in a rendered `href`. */
export const isSafeHref = (href: string): boolean => /^(https?|mailto|tel):/i.test(href);

/**
 * Asserts that what RichText rendered into `root` (its wrapper) holds only allowlisted elements,
 * no attribute but a safe link's href, target and rel, and no element that loads or runs anything.
 */
export function expectSafe(root: Element): void {
  expect(root.tagName).toBe('DIV');
  expect(root.attributes).toHaveLength(0);
  for (const node of root.querySelectorAll('*')) {
    expect(ALLOWED, `<${node.tagName}> is not allowlisted`).toContain(node.tagName);
    const names = [...node.attributes].map((a) => a.name).sort();
    if (node.tagName !== 'A') {
      expect(names, `<${node.tagName}> has attributes`).toEqual([]);
      continue;
    }
    expect(names).toEqual(['href', 'rel', 'target']);
    expect(isSafeHref(node.getAttribute('href')!), node.getAttribute('href')!).toBe(true);
    expect(node.getAttribute('target')).toBe('_blank');
    expect(node.getAttribute('rel')).toBe('noopener noreferrer');
    expect(node.querySelector('a'), 'a link inside a link').toBeNull();
  }
}
