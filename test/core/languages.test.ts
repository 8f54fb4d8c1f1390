import { describe, expect, it } from 'vitest';
import { directionOf, LANGUAGES, resolveLanguage } from '../../src/core/languages.ts';
import { configError } from '../support/config-error.ts';

describe('the supported languages', () => {
  it('are the eleven the widget has strings for, two of them right to left', () => {
    expect(LANGUAGES).toEqual(['en', 'de', 'fr', 'es', 'it', 'nl', 'pl', 'pt', 'tr', 'ar', 'he']);
    expect(LANGUAGES.filter((lang) => directionOf(lang) === 'rtl')).toEqual(['ar', 'he']);
  });

  it('take an explicit choice first, in any case and with a region', () => {
    expect(resolveLanguage('FR-ca', 'de')).toBe('fr');
    expect(resolveLanguage('pt_BR', undefined)).toBe('pt');
  });

  it('follow the page when there is no explicit choice, else English', () => {
    expect(resolveLanguage(undefined, 'he-IL')).toBe('he');
    expect(resolveLanguage('  ', 'ar')).toBe('ar');
    expect(resolveLanguage(null, 'sv-SE')).toBe('en');
    expect(resolveLanguage(undefined, '')).toBe('en');
  });

  it('refuse an explicit language Chatlet does not speak, naming the list', () => {
    expect(configError(() => resolveLanguage('sv', 'de'))).toBe(
      'Unsupported data-lang "sv": use one of en, de, fr, es, it, nl, pl, pt, tr, ar, he (or leave it out to follow <html lang>).',
    );
  });
});
