import { describe, expect, it } from 'vitest';
import { format, resolveStrings, STRING_KEYS } from '../../src/ui/i18n.ts';

describe('the widget strings', () => {
  it('use the fixed accessible names (docs/ARCHITECTURE.md), in English and German', () => {
    const en = resolveStrings('en').strings;
    const de = resolveStrings('de').strings;
    expect([en.openChat, en.closeChat, en.message, en.send]).toEqual([
      'Open chat',
      'Close chat',
      'Message',
      'Send',
    ]);
    expect([de.openChat, de.closeChat, de.message, de.send]).toEqual([
      'Chat öffnen',
      'Chat schließen',
      'Nachricht',
      'Senden',
    ]);
  });

  it('have a German text for every English one', () => {
    const de = resolveStrings('de').strings;
    expect(STRING_KEYS.filter((key) => !/\S/.test(de[key]))).toEqual([]);
  });

  it('take the site owner’s overrides and report unknown keys', () => {
    const { strings, unknownKeys } = resolveStrings('de', { send: 'Los', sned: 'typo' });
    expect(strings.send).toBe('Los');
    expect(strings.closeChat).toBe('Chat schließen');
    expect(unknownKeys).toEqual(['sned']);
  });

  it('ignore keys that only exist on Object.prototype', () => {
    expect(resolveStrings('en', { toString: 'x' }).unknownKeys).toEqual(['toString']);
  });
});

describe('format', () => {
  it('fills named placeholders and leaves unknown ones', () => {
    expect(format('{count} unread, {other}', { count: 3 })).toBe('3 unread, {other}');
  });
});
