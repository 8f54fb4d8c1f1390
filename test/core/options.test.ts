import { describe, expect, it } from 'vitest';
import {
  checkPrimaryColor,
  DEFAULTS,
  LAUNCHERS,
  MODES,
  POSITIONS,
  resolveOptions,
  THEMES,
} from '../../src/core/options.ts';
import { configError } from '../support/config-error.ts';

describe('resolveOptions', () => {
  it('fills the defaults', () => {
    expect(resolveOptions({ endpoint: '/chat' })).toMatchObject({
      endpoint: '/chat',
      kbTopic: undefined,
      title: undefined,
      lang: 'en',
      messageContext: undefined,
      historyLimit: 100,
      timeoutMs: 30_000,
      storage: 'local',
    });
  });

  it('takes a storage of local, session or memory, and names data-storage otherwise', () => {
    expect(resolveOptions({ endpoint: '/c', storage: 'session' }).storage).toBe('session');
    expect(resolveOptions({ endpoint: '/c', storage: 'memory' }).storage).toBe('memory');
    expect(
      configError(() => resolveOptions({ endpoint: '/c', storage: 'cookie' as 'local' })),
    ).toMatch(/data-storage "cookie".*"local", "session" or "memory"/);
  });

  it('refuses a theme, position, mode or launcher it does not know, listing the choices', () => {
    const refusal = (options: Record<string, string>): string =>
      configError(() => resolveOptions({ endpoint: '/c', ...options }));
    expect(refusal({ theme: 'blue' })).toBe(
      'Invalid data-theme "blue": use "light", "dark" or "auto".',
    );
    expect(refusal({ position: 'top' })).toBe(
      'Invalid data-position "top": use "right" or "left".',
    );
    expect(refusal({ mode: 'modal' })).toBe('Invalid data-mode "modal": use "bubble" or "inline".');
    expect(refusal({ launcher: 'tab' })).toBe(
      'Invalid data-launcher "tab": use "bubble" or "none".',
    );
    expect(resolveOptions({ endpoint: '/c' })).toMatchObject({
      theme: 'light',
      position: 'right',
      mode: 'bubble',
      launcher: 'bubble',
      storage: 'local',
    });
  });

  it('names data-endpoint when the endpoint is missing', () => {
    expect(configError(() => resolveOptions({ endpoint: '  ' }))).toMatch(
      /Missing endpoint: set data-endpoint/,
    );
  });

  it('refuses an endpoint that is not http(s) or a path', () => {
    expect(configError(() => resolveOptions({ endpoint: 'javascript:alert(1)' }))).toMatch(
      /data-endpoint/,
    );
  });

  it('refuses a message context over 1,000 characters', () => {
    expect(
      configError(() => resolveOptions({ endpoint: '/chat', messageContext: 'x'.repeat(1001) })),
    ).toMatch(/at most 1000/);
  });

  it('refuses a history limit that is not a positive whole number', () => {
    expect(configError(() => resolveOptions({ endpoint: '/chat', historyLimit: 0 }))).toMatch(
      /data-history-limit/,
    );
  });

  it('takes the language from the option, else from the page', () => {
    expect(resolveOptions({ endpoint: '/c', lang: 'de' }).lang).toBe('de');
    expect(resolveOptions({ endpoint: '/c' }, 'de-AT').lang).toBe('de');
    expect(resolveOptions({ endpoint: '/c', lang: 'fr' }, 'de').lang).toBe('fr');
    // @ts-expect-error a JavaScript caller (or an attribute) may pass any text
    expect(resolveOptions({ endpoint: '/c', lang: ' ' }, 'he-IL').lang).toBe('he');
  });

  it('refuses an explicit language it does not speak, naming the supported list', () => {
    // @ts-expect-error a JavaScript caller (or an attribute) may pass any text
    expect(configError(() => resolveOptions({ endpoint: '/c', lang: 'sv' }, 'de'))).toBe(
      'Unsupported data-lang "sv": use one of en, de, fr, es, it, nl, pl, pt, tr, ar, he (or leave it out to follow <html lang>).',
    );
  });

  it('falls back to English for a page language it does not speak', () => {
    expect(resolveOptions({ endpoint: '/c' }, 'sv-SE').lang).toBe('en');
    expect(resolveOptions({ endpoint: '/c' }, '').lang).toBe('en');
  });
});

describe('checkPrimaryColor', () => {
  it('refuses a colour the browser cannot paint, naming the attribute', () => {
    const paintable = new Set(['#1f5fbf', 'rebeccapurple']);
    expect(checkPrimaryColor(' #1f5fbf ', (color) => paintable.has(color))).toBe('#1f5fbf');
    for (const bad of ['notacolor', '#12345']) {
      expect(() => checkPrimaryColor(bad, (color) => paintable.has(color))).toThrow(
        `Invalid data-primary-color "${bad}": use a CSS colour`,
      );
    }
  });

  it('refuses what could close the declaration, whatever the browser says', () => {
    expect(() => checkPrimaryColor('red; background: url(x)', () => true)).toThrow(
      'data-primary-color',
    );
  });
});

describe('the lists of choices', () => {
  // The loader takes the first of each list for an absent attribute (src/shell/loader-options.ts).
  it('start with their default', () => {
    expect([THEMES[0], POSITIONS[0], MODES[0], LAUNCHERS[0]]).toEqual([
      DEFAULTS.theme,
      DEFAULTS.position,
      DEFAULTS.mode,
      DEFAULTS.launcher,
    ]);
  });
});
