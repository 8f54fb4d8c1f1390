import { cleanup, render } from '@testing-library/preact';
import { h } from 'preact';
import { afterEach } from 'vitest';
import { RichText } from '../../../src/ui/rich-text/RichText.tsx';

// Vitest runs without globals here, so Testing Library cannot register its own cleanup.
afterEach(cleanup);

/** Renders a reply with `RichText` and returns the wrapper element it produced. */
export function renderReply(text: string): HTMLElement {
  const { container } = render(h(RichText, { text }));
  return container.firstElementChild as HTMLElement;
}

/** The rendered markup of a reply, for tests that check structure as a whole. */
export const markup = (text: string): string => renderReply(text).innerHTML;
