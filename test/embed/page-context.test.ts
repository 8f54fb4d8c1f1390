import { afterEach, describe, expect, it } from 'vitest';
import { pageKbTopic, readPageFields } from '../../src/embed/page-context.ts';

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
  document.documentElement.removeAttribute('lang');
});

describe('page-derived metadata', () => {
  it('prefers the meta tag over an element for the topic, and ignores empty values', () => {
    expect(pageKbTopic()).toBeUndefined();
    const element = document.createElement('div');
    element.setAttribute('data-chatlet-kb-topic', 'account');
    document.body.append(element);
    const meta = document.createElement('meta');
    meta.name = 'chatlet:kb-topic';
    meta.content = '  ';
    document.head.append(meta);
    expect(pageKbTopic()).toBe('account');
    meta.content = 'billing';
    expect(pageKbTopic()).toBe('billing');
  });

  it('reads only the fields asked for, without query strings', () => {
    document.title = 'Pricing';
    document.documentElement.lang = 'de';
    expect(readPageFields(['title', 'lang'])).toEqual({ page_title: 'Pricing', page_lang: 'de' });
    expect(readPageFields([])).toEqual({});
  });

  it('cuts long values to what the proxy accepts', () => {
    document.title = 'x'.repeat(500);
    expect(String(readPageFields(['title'])['page_title'])).toHaveLength(200);
  });
});
