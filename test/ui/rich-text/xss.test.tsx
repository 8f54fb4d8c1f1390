import { describe, expect, test } from 'vitest';
import { expectSafe } from './assert-safe.ts';
import { renderReply } from './render-reply.ts';
import { XSS_PAYLOADS } from './xss-payloads.ts';

const label = (reply: string) =>
  JSON.stringify(reply.length > 80 ? reply.slice(0, 80) + '…' : reply);

describe('RichText against the XSS corpus', () => {
  test('the corpus holds at least 100 payloads', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100);
  });

  test.each(XSS_PAYLOADS.map((p) => [label(p.reply), p] as const))(
    'renders %s harmlessly',
    (_, { reply, keeps }) => {
      const root = renderReply(reply);
      expectSafe(root);
      if (keeps !== undefined) expect(root.textContent).toContain(keeps);
    },
  );
});
