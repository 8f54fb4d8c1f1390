/**
 * Builds host-page fixtures for jsdom tests as nodes, never as markup strings: the tests then read
 * like the page they stand for, and no HTML parsing is involved in setting them up.
 */
export function element(
  tag: string,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** Replaces the page's body with `nodes`. */
export function setBody(...nodes: Node[]): void {
  document.body.replaceChildren(...nodes);
}
