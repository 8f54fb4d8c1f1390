const ALLOWED = new Set(['P', 'BR', 'STRONG', 'EM', 'A', 'UL', 'OL', 'LI', 'CODE', 'PRE']);

/** Whether a URL may appear in a rendered `href`. */
export const isSafeHref = (href: string): boolean => /^(https?|mailto|tel):/i.test(href);

/**
 * Lists what is unsafe in what RichText rendered into `root` (its wrapper): elements outside the
 * allowlist, any attribute but a safe link's href, target and rel (and the wrapper's dir, a code
 * block's dir="ltr" and tabindex="0"), and links inside links.
 * An empty list means the rendering is safe.
 */
export function unsafeParts(root: Element): string[] {
  const found: string[] = [];
  // The wrapper is RichText's own: a div whose only attribute is dir="auto".
  const wrapperOk =
    root.tagName === 'DIV' && root.attributes.length === 1 && root.getAttribute('dir') === 'auto';
  if (!wrapperOk) found.push(`wrapper ${root.outerHTML}`);
  for (const node of root.querySelectorAll('*')) {
    const tag = node.tagName;
    if (!ALLOWED.has(tag)) found.push(`<${tag}>`);
    for (const { name, value } of node.attributes) {
      const expected =
        tag === 'PRE'
          ? { dir: 'ltr', tabindex: '0' }[name]
          : tag !== 'A'
            ? undefined
            : name === 'href'
              ? isSafeHref(value) && value
              : { target: '_blank', rel: 'noopener noreferrer' }[name];
      if (value !== expected) found.push(`<${tag} ${name}="${value}">`);
    }
    if (tag === 'A' && node.attributes.length !== 3) found.push(`link ${node.outerHTML}`);
    if (tag === 'A' && node.querySelector('a')) found.push(`link in a link ${node.outerHTML}`);
  }
  return found;
}
