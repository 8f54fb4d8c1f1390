import type { ChatletError } from '../core/errors.ts';

/**
 * Logs an error on the console as one line a site owner can act on ("Chatlet: Invalid data-…"); any
 * other error as it is. Reads the brand directly rather than through isChatletError(), which the
 * loader would otherwise carry for this one line.
 */
export function report(error: unknown): void {
  const chatlet = (error as Partial<ChatletError> | null)?.isChatletError;
  console.error(chatlet ? `Chatlet: ${(error as Error).message}` : error);
}
