import { ChatletError } from '../core/errors.ts';

/** How to name the element, in every message below. */
const HOW = 'the CSS selector of the element the chat fills, e.g. "#help-chat"';

/**
 * The element an inline widget fills, found by the `target` selector. Throws a `config` error
 * naming the selector when it is missing, not a selector, or matches nothing.
 */
export function inlineContainer(
  selector: string | undefined,
  doc: Document = document,
): HTMLElement {
  if (!selector) throw new ChatletError('config', `data-mode="inline" needs data-target: ${HOW}.`);
  let found: Element | null = null;
  try {
    found = doc.querySelector(selector);
  } catch {
    // Not a selector at all (a SyntaxError): refused below like one that matches nothing.
  }
  if (!(found instanceof HTMLElement)) {
    throw new ChatletError('config', `data-target "${selector}" matches no element: use ${HOW}.`);
  }
  return found;
}

/**
 * The script tag's way to {@link inlineContainer}: an async loader can run while the page is still
 * being parsed, before the element it should fill exists, so a miss is final only once the
 * document has been parsed (`DOMContentLoaded`).
 */
export async function awaitInlineContainer(
  selector: string | undefined,
  doc: Document = document,
): Promise<HTMLElement> {
  try {
    return inlineContainer(selector, doc);
  } catch (error) {
    if (doc.readyState !== 'loading') throw error;
    await new Promise((resolve) =>
      doc.addEventListener('DOMContentLoaded', resolve, { once: true }),
    );
    return inlineContainer(selector, doc);
  }
}
