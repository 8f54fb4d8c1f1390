/**
 * Keyword matching for the demo knowledge base: forgiving enough for German compounds and typed-out
 * umlauts ("Rueckerstattung"), strict enough that "abo" does not match "about".
 */

/** Lower-cases `text`, spells umlauts out (ä → ae, ß → ss) and keeps only words, one space apart. */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ä', 'ae')
    .replaceAll('ö', 'oe')
    .replaceAll('ü', 'ue')
    .replaceAll('ß', 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * How strongly `keyword` occurs in the already {@link normalize}d `text`: 0 when absent, else its
 * length, so the more specific match wins: "Rücksendung" is about returns ("rücksend") more than
 * about parcels ("sendung"), and a phrase such as "money back" outweighs a lone word.
 *
 * One word matches a word of the text by length: up to 3 letters only exactly, 4 letters as its
 * start ("card" → "cards"), 5 or more anywhere inside it ("rechnung" → "Jahresrechnung").
 */
export function keywordWeight(text: string, keyword: string): number {
  const phrase = normalize(keyword);
  if (phrase === '') return 0;
  if (phrase.includes(' ')) {
    // A phrase must start at a word boundary; its last word may go on ("return label" also
    // matches "return labels").
    return ` ${text}`.includes(` ${phrase}`) ? phrase.length : 0;
  }
  const found = text.split(' ').some((word) => {
    if (phrase.length <= 3) return word === phrase;
    if (phrase.length === 4) return word.startsWith(phrase);
    return word.includes(phrase);
  });
  return found ? phrase.length : 0;
}
