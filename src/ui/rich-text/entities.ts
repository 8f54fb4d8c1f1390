// The named references servers' HTML escaping produces. Other names stay as written (`&eacute;`
// is still readable); numeric references cover every other character.
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Decodes HTML character references once (`&amp;lt;` becomes `&lt;`, never `<`). */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#(\d{1,7})|#x([\da-f]{1,6})|(amp|lt|gt|quot|apos|nbsp)(?=;));?/gi,
    (_, dec, hex, name) => {
      if (name) return NAMED[name.toLowerCase()]!;
      const code = dec ? +dec : parseInt(hex, 16);
      // Out of Unicode's range: the replacement character, as browsers show.
      return String.fromCodePoint(code < 0x110000 ? code : 0xfffd);
    },
  );
}
