import type { Page } from '@playwright/test';

/**
 * Collects the text of every `console.error` the page logs from now on: the widget reports a
 * configuration mistake as one such line, and tests check there is exactly that one.
 */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}
