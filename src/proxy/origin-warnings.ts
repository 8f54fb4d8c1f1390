import { shownOrigin } from './cors.ts';
import type { Logger } from './log.ts';

/** At most one warning per origin in this window. */
const WINDOW_MS = 60_000;
/** Origins remembered at once; beyond it the oldest are forgotten (and may warn again). */
const MAX_ORIGINS = 1_000;

/**
 * Logs a `warn` line naming a refused origin, once per origin per minute, so the site owner sees
 * which page was turned away while a flood of refused requests does not flood the log.
 */
export function createOriginWarnings(
  log: Logger,
  now: () => number,
): (origin: string, requestId: string) => void {
  // Insertion order is warning order, so the first entry is always the oldest.
  const lastWarned = new Map<string, number>();
  return (origin, requestId) => {
    const time = now();
    const last = lastWarned.get(origin);
    if (last !== undefined && time - last < WINDOW_MS) return;
    lastWarned.delete(origin);
    lastWarned.set(origin, time);
    while (lastWarned.size > MAX_ORIGINS) {
      const oldest = lastWarned.keys().next();
      if (oldest.done === true) break;
      lastWarned.delete(oldest.value);
    }
    log({
      level: 'warn',
      event: 'origin_refused',
      request_id: requestId,
      origin: shownOrigin(origin),
      detail:
        'A page of this origin tried to chat; add it to CHATLET_ALLOWED_ORIGINS if it is yours.',
    });
  };
}
