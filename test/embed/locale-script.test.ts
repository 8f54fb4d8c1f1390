import { afterEach, describe, expect, it } from 'vitest';
import { catchLocales, LOCALE_EVENT, loadLocaleScript } from '../../src/embed/locale-script.ts';

const handOver = (lang: string, strings: unknown): void => {
  document.dispatchEvent(new CustomEvent(LOCALE_EVENT, { detail: { lang, strings } }));
};
const inserted = (): HTMLScriptElement[] => [
  ...document.head.querySelectorAll<HTMLScriptElement>('script[src*="chatlet-"]'),
];

afterEach(() => {
  for (const script of inserted()) script.remove();
});

describe('the language of chatlet-panel-<lang>.js', () => {
  it('is taken from the hand-over that ran with the panel, without loading a file', async () => {
    catchLocales();
    // As in chatlet-panel-de.js: the language's hand-over runs before anyone asks for it.
    handOver('de', { send: 'Senden' });
    await expect(loadLocaleScript('de', 'https://cdn.example/chatlet.js', false)).resolves.toEqual({
      send: 'Senden',
    });
    expect(inserted()).toEqual([]);
  });

  it('does not stand in for another language: that one is loaded beside the loader', async () => {
    catchLocales();
    handOver('fr', { send: 'Envoyer' });
    const loading = loadLocaleScript('nl', 'https://cdn.example/chatlet.js', false);
    expect(inserted().map((script) => script.src)).toEqual([
      expect.stringMatching(/^https:\/\/cdn\.example\/chatlet-nl\.js\?v=/),
    ]);
    // The file runs and hands its strings over; then its `load` comes.
    handOver('nl', { send: 'Verzenden' });
    inserted()[0]!.dispatchEvent(new Event('load'));
    await expect(loading).resolves.toEqual({ send: 'Verzenden' });
    expect(inserted()).toEqual([]);
  });

  it('is a clear network error when the file loads without handing its language over', async () => {
    catchLocales();
    const loading = loadLocaleScript('pl', 'https://cdn.example/chatlet.js', false);
    inserted()[0]!.dispatchEvent(new Event('load'));
    await expect(loading).rejects.toMatchObject({
      code: 'network',
      message: expect.stringMatching(
        /could not load https:\/\/cdn\.example\/chatlet-pl\.js\?v=.*serve chatlet-pl\.js/,
      ),
    });
  });
});
