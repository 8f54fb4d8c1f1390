import { describe, expect, it } from 'vitest';
import { attributeName, OPTION_KEYS, readAttributes } from '../../src/embed/attributes.ts';
import { configError } from '../support/config-error.ts';

const from =
  (attributes: Record<string, string>) =>
  (name: string): string | null =>
    attributes[name] ?? null;

describe('the data-attribute registry', () => {
  it('names every option in kebab-case', () => {
    expect(attributeName('kbTopic')).toBe('kb-topic');
    expect(attributeName('primaryColor')).toBe('primary-color');
    expect(OPTION_KEYS.map(attributeName)).toContain('page-fields');
  });

  it('parses each attribute by its type', () => {
    const options = readAttributes(
      from({
        'data-endpoint': '/chat',
        'data-kb-topic': 'billing',
        'data-history-limit': '20',
        'data-theme': 'Dark',
        'data-position': 'left',
        'data-page-fields': 'path, title',
        'data-strings': '{"send":"Go"}',
        'data-metadata': '{"plan":"pro","seats":3}',
        'data-storage': 'Session',
      }),
    );
    expect(options).toEqual({
      endpoint: '/chat',
      kbTopic: 'billing',
      historyLimit: 20,
      theme: 'dark',
      position: 'left',
      pageFields: ['path', 'title'],
      strings: { send: 'Go' },
      metadata: { plan: 'pro', seats: 3 },
      storage: 'session',
    });
  });

  it('reads the same options without a prefix for <chatlet-widget>', () => {
    expect(readAttributes(from({ endpoint: '/chat', 'kb-topic': 'x' }), '')).toEqual({
      endpoint: '/chat',
      kbTopic: 'x',
    });
  });

  it('refuses malformed values and names the attribute', () => {
    expect(configError(() => readAttributes(from({ 'data-history-limit': '1e3' })))).toMatch(
      /data-history-limit/,
    );
    expect(configError(() => readAttributes(from({ 'data-theme': 'purple' })))).toMatch(
      /data-theme.*light, dark, auto/,
    );
    expect(configError(() => readAttributes(from({ 'data-page-fields': 'path,cookies' })))).toMatch(
      /data-page-fields/,
    );
    expect(configError(() => readAttributes(from({ 'data-storage': 'cookies' })))).toMatch(
      /data-storage.*local, session, memory/,
    );
  });

  it('parses JSON attributes as data and never runs them', () => {
    (globalThis as { pwned?: boolean }).pwned = false;
    expect(
      configError(() => readAttributes(from({ 'data-strings': 'globalThis.pwned = true' }))),
    ).toMatch(/data-strings/);
    expect(
      configError(() => readAttributes(from({ 'data-strings': '{"send": {"nested": 1}}' }))),
    ).toMatch(/"send"/);
    expect((globalThis as { pwned?: boolean }).pwned).toBe(false);
  });
});
