import type { DemoLanguage } from './knowledge-base.ts';

// Short words that are common in one language and rare in the other. Words both languages use
// ("was", "also", "in", "so") are left out on purpose: they would tip short questions the wrong way.
const GERMAN_WORDS = new Set(
  `ich und der die das den dem ist nicht wie wo wann warum wieso welche welcher welches mein meine
   meinen meiner kann können muss mit für ein eine einen habe haben bitte hallo danke zu auf sie es
   wir gibt bei noch kein keine moin servus guten`.split(/\s+/),
);
const ENGLISH_WORDS = new Set(
  `i and the is not how what where when why which my can must with for a an have has please hello
   hi hey thanks to on do does did you it we there of at no your get much`.split(/\s+/),
);

/**
 * Guesses whether `text` is German or English from umlauts and common short words; `undefined` when
 * the text gives no evidence either way (e.g. a single product word).
 */
export function detectLanguage(text: string): DemoLanguage | undefined {
  const lower = text.toLowerCase();
  let german = /[äöüß]/.test(lower) ? 2 : 0;
  let english = 0;
  for (const word of lower.split(/[^\p{L}']+/u)) {
    if (GERMAN_WORDS.has(word)) german += 1;
    if (ENGLISH_WORDS.has(word)) english += 1;
  }
  if (german === english) return undefined;
  return german > english ? 'de' : 'en';
}
