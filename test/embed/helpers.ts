import { within } from '@testing-library/preact';

/** Testing Library queries inside the widget's shadow root (they do not pierce it from the page). */
export function inWidget(host: Element | null | undefined) {
  const root = host?.shadowRoot;
  if (!root) throw new Error('no <chatlet-widget> with a shadow root on the page');
  return within(root as unknown as HTMLElement);
}

/** Lets pending promise chains and microtasks run. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
