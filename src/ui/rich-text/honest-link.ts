import type { RichNode } from './nodes.ts';

/**
 * Bidirectional formatting characters (ALM, LRM, RLM, LRE…RLO, LRI…PDI). In a link's text they
 * can reorder what is shown ("moc.knab" displayed as "bank.com", the Trojan Source trick,
 * https://trojansource.codes/), so they are removed from link texts; the reply's direction comes
 * from `dir="auto"` instead.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without bidirectional formatting characters. */
export const stripBidi = (text: string): string => text.replace(BIDI_CONTROLS, '');

/** A link text's own words, as the visitor reads them. */
export const linkText = (nodes: RichNode[]): string =>
  nodes.map((node) => (typeof node === 'string' ? node : linkText(node.children))).join('');

// A host name as a visitor would read one: labels joined by dots, the last one a TLD of at least
// two letters (or punycode), optionally behind a scheme and user info, with a path after it.
const HOST_LIKE =
  /^(?:[a-z][\w+.-]*:\/\/)?(?:[^\s/@]+@)?((?:[\p{L}\p{N}-]+\.)+(?:\p{L}{2,}|xn--[\w-]+))\.?(?::\d+)?(?:[/?#]\S*)?$/iu;
// A URL inside a longer text ("Log in at https://bank.example now").
const URL_IN_TEXT = /\bhttps?:\/\/(?:[^\s/@]+@)?([^\s/?#:]+)/giu;

/** The hosts a link's text claims, lower-case and in punycode as URL parsing writes them. */
function claimedHosts(text: string): string[] {
  const trimmed = text.trim();
  const whole = HOST_LIKE.exec(trimmed)?.[1];
  const found = whole ? [whole] : [...trimmed.matchAll(URL_IN_TEXT)].map((match) => match[1]);
  return found.flatMap((host) => {
    try {
      return host ? [new URL(`http://${host}`).hostname] : [];
    } catch {
      return [];
    }
  });
}

const bare = (host: string): string => host.replace(/^www\./, '');

/**
 * The host to show after a link's text so the link cannot lie, or `undefined` when the text is
 * honest: shown when the text looks like a URL or host other than the target's
 * (`[https://bank.example](https://evil.example)`), and whenever the target's host is an
 * internationalised name, as punycode (`xn--bnk-sna.example`), since look-alike letters from
 * another script are how such a name imitates a known one (https://www.unicode.org/reports/tr39/).
 * Only http(s) links have a host to show.
 */
export function hostToShow(text: string, href: string): string | undefined {
  let target: URL;
  try {
    target = new URL(href);
  } catch {
    return undefined;
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return undefined;
  const host = target.hostname;
  const claimed = claimedHosts(stripBidi(text));
  const misleading = claimed.some((one) => bare(one) !== bare(host));
  const punycode = host.split('.').some((label) => label.startsWith('xn--'));
  const showsItAlready = stripBidi(text).toLowerCase().includes(host);
  return misleading || (punycode && !showsItAlready) ? host : undefined;
}
