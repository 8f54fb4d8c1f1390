// Named references a chat reply plausibly carries (German included, the widget's second language);
// unknown names stay as written, which is what a reader would expect to see.
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  colon: ':',
  tab: '\t',
  newline: '\n',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bdquo: '„',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  deg: '°',
  times: '×',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
};

/** Decodes HTML character references once (`&amp;lt;` becomes `&lt;`, never `<`). */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#(\d{1,7})|#x([\da-f]{1,6})|([a-z][a-z\d]{1,31}));?/gi,
    (m, dec, hex, name) => {
      if (name) return m.endsWith(';') ? (NAMED[name] ?? m) : m;
      const code = dec ? +dec : parseInt(hex, 16);
      // What browsers do with NUL, surrogates and out-of-range numbers: the replacement character.
      return String.fromCodePoint(
        code && code < 0x110000 && (code < 0xd800 || code > 0xdfff) ? code : 0xfffd,
      );
    },
  );
}
