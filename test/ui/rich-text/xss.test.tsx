import { describe, expect, test } from 'vitest';
import { renderReply } from './render-reply.ts';
import { unsafeParts } from './unsafe-parts.ts';
import { XSS_PAYLOADS, type XssPayload } from './xss-payloads.ts';

const label = (reply: string) =>
  JSON.stringify(reply.length > 80 ? reply.slice(0, 80) + '…' : reply);
const cases = (payloads: readonly XssPayload[]) =>
  payloads.map((p) => [label(p.reply), p] as const);

describe('RichText against the XSS corpus', () => {
  test('the corpus holds at least 100 payloads', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100);
  });

  test('the safety check itself flags unsafe markup', () => {
    const make = (tag: string, attrs: Record<string, string> = {}) => {
      const node = document.createElement(tag);
      for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
      return node;
    };
    const root = make('div', { dir: 'auto' });
    root.append(
      make('img', { onerror: 'alert(1)' }),
      make('a', { href: 'javascript:x' }),
      make('p', { style: 'color:red' }),
    );
    expect(unsafeParts(root)).toEqual([
      '<IMG>',
      '<IMG onerror="alert(1)">',
      '<A href="javascript:x">',
      'link <a href="javascript:x"></a>',
      '<P style="color:red">',
    ]);
  });

  test.each(cases(XSS_PAYLOADS))('renders %s harmlessly', (_, { reply }) => {
    expect(unsafeParts(renderReply(reply))).toEqual([]);
  });

  test.each(cases(XSS_PAYLOADS.filter((p) => p.keeps !== undefined)))(
    'keeps the harmless text of %s readable',
    (_, { reply, keeps }) => {
      expect(renderReply(reply).textContent).toContain(keeps);
    },
  );
});
