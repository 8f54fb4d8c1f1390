import { isChatletError } from '../core/errors.ts';

/** Logs an error on the console as one line a site owner can act on ("Chatlet: Invalid data-…"). */
export function report(error: unknown): void {
  console.error(isChatletError(error) ? `Chatlet: ${error.message}` : error);
}
