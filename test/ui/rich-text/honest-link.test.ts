import { screen } from '@testing-library/preact';
import { describe, expect, test } from 'vitest';
import { hostToShow, stripBidi } from '../../../src/ui/rich-text/honest-link.ts';
import { markup, renderReply } from './render-reply.ts';

describe('links that cannot lie', () => {
  test('a text that names another host is followed by the real host, inside the link', () => {
    renderReply('[https://bank.example](https://evil.example/login)');
    const link = screen.getByRole('link', { name: 'https://bank.example (evil.example)' });
    expect(link.getAttribute('href')).toBe('https://evil.example/login');
  });

  test('a bare host name, a host with a path and a URL inside a sentence count as claims', () => {
    expect(hostToShow('bank.example', 'https://evil.example')).toBe('evil.example');
    expect(hostToShow('www.bank.example/login?x=1', 'https://evil.example')).toBe('evil.example');
    expect(hostToShow('Log in at https://bank.example now', 'https://evil.example')).toBe(
      'evil.example',
    );
    expect(hostToShow('support@bank.example', 'https://evil.example')).toBe('evil.example');
  });

  test('an honest text stays as it is: same host, www or not, any case, or no host at all', () => {
    expect(hostToShow('https://shop.example/help', 'https://shop.example/faq')).toBeUndefined();
    expect(hostToShow('www.Shop.example', 'https://shop.example/')).toBeUndefined();
    expect(hostToShow('shop.example', 'https://www.shop.example/')).toBeUndefined();
    expect(hostToShow('our returns page', 'https://shop.example/returns')).toBeUndefined();
    expect(hostToShow('e.g. this', 'https://shop.example/')).toBeUndefined();
    expect(markup('[our returns page](https://shop.example/returns)')).toBe(
      '<a href="https://shop.example/returns" target="_blank" rel="noopener noreferrer">our returns page</a>',
    );
  });

  test('mailto and tel links have no host to show', () => {
    expect(hostToShow('bank.example', 'mailto:help@evil.example')).toBeUndefined();
    expect(hostToShow('+49 30 1234', 'tel:+49301234')).toBeUndefined();
  });

  test('an internationalised target host is shown as punycode, whatever the text says', () => {
    // "bаnk" with a Cyrillic а: the same picture as the Latin name, another host.
    renderReply('<a href="https://bаnk.example/">bаnk.example</a>');
    expect(screen.getByRole('link').textContent).toBe('bаnk.example (xn--bnk-6cd.example)');
    expect(hostToShow('Your bank', 'https://xn--bnk-6cd.example/')).toBe('xn--bnk-6cd.example');
    expect(hostToShow('xn--bnk-6cd.example', 'https://xn--bnk-6cd.example/')).toBeUndefined();
  });

  test('bidi controls are removed from link texts, so a reversed host cannot pass as another', () => {
    // U+202E RIGHT-TO-LEFT OVERRIDE shows "elpmaxe.knab" as "bank.example".
    renderReply('<a href="https://evil.example/">\u202eelpmaxe.knab\u202c</a>');
    const link = screen.getByRole('link');
    expect(link.textContent).toBe('elpmaxe.knab (evil.example)');
    expect(stripBidi('a\u200e\u200f\u061c\u2066b\u2069\u202a\u202dc')).toBe('abc');
  });

  test('text outside links keeps its bidi marks, which Arabic and Hebrew text may need', () => {
    expect(markup('שלום \u200fABC')).toBe('שלום \u200fABC');
  });

  test('the rendered reply takes its direction from its own text', () => {
    expect(renderReply('Hello').getAttribute('dir')).toBe('auto');
  });
});
