import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/core/options.ts';
import { readAttributes } from '../../src/embed/attributes.ts';

const read = (attributes: Record<string, string>) =>
  readAttributes((name) => attributes[name] ?? null);

describe('the options of starters, feedback, timestamps and notifications', () => {
  it('parse from attributes by type and resolve with their defaults', () => {
    const options = resolveOptions({
      endpoint: '/chat',
      ...read({
        'data-starters': '["Where is my order?", "  ", "Returns", "Hours", "Prices", "Jobs"]',
        'data-feedback': 'TRUE',
        'data-timestamps': 'false',
      }),
    });
    // Blank ones are dropped and at most four are shown.
    expect(options.starters).toEqual(['Where is my order?', 'Returns', 'Hours', 'Prices']);
    expect(options.feedback).toBe(true);
    expect(options.timestamps).toBe(false);
    expect(options.notifications).toBe(true);
    expect(resolveOptions({ endpoint: '/chat' })).toMatchObject({
      starters: [],
      feedback: false,
      timestamps: true,
      notifications: true,
    });
  });

  it.each([
    ['data-starters', '"Where is my order?"', /JSON array of strings/],
    ['data-starters', '[1, 2]', /JSON array of strings/],
    ['data-feedback', 'yes', /data-feedback.*true, false/],
    ['data-notifications', '1', /data-notifications.*true, false/],
  ])('refuse %s="%s" naming the attribute', (name, value, message) => {
    expect(() => read({ [name]: value })).toThrow(message);
  });
});
