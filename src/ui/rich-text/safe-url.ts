/**
 * Returns the URL to put in an `href` if it is absolute with an allowed scheme, else `undefined`.
 * Expects entities already decoded (exactly once). Control characters are removed everywhere and
 * whitespace at the ends, as browsers ignore them, so `java\tscript:` cannot slip through; what is
 * checked is exactly what is rendered.
 */
export function safeUrl(url: string | undefined): string | undefined {
  // oxlint-disable-next-line no-control-regex -- matching control characters is the point
  const u = url?.replace(/[\0-\x1f\x7f]/g, '').trim();
  return u && /^(https?|mailto|tel):/i.test(u) ? u : undefined;
}
