/**
 * The words a visitor reads for a reply that may hold `<br>` and light markdown: tags and markdown
 * markers removed, whitespace collapsed. Used to find an upstream reply in the rendered log.
 */
export function readableWords(reply: string, count = 6): string {
  return reply
    .replace(/<[^>]*>/g, ' ')
    .replace(/[*_`#]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .slice(0, count)
    .join(' ');
}
