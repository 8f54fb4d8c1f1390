import { STORAGE_MODES } from '../core/options.ts';
import type { Teaser, TeaserShell } from './teaser.ts';
import { createTeaser } from './teaser-view.ts';

/**
 * The script tag's teaser: its options read from the tag's attributes here, in the teaser's own
 * file, not in the loader (which only sees that `data-teaser` is set). A refused
 * `data-teaser-delay-ms` or `data-storage` is one console line, worded as the panel stage words
 * it (src/shell/parsers.ts; it checks them again, so either may be first), and the widget goes.
 */
export const teaserFromAttributes =
  (read: (name: string) => string | null) =>
  (shell: TeaserShell): Teaser => {
    const attribute = (name: string): string | undefined => read(`data-${name}`) ?? undefined;
    const delay = attribute('teaser-delay-ms');
    const storage = attribute('storage');
    const mode = STORAGE_MODES.find((value) => value === storage?.trim().toLowerCase());
    const refused =
      delay !== undefined && !/^\s*\d+\s*$/.test(delay)
        ? `data-teaser-delay-ms="${delay}": use a whole number`
        : storage !== undefined && !mode
          ? `data-storage="${storage}": use ${STORAGE_MODES.join(', ')}`
          : undefined;
    if (refused) {
      if (!shell.life.ended) console.error(`Chatlet: Invalid ${refused}.`);
      shell.life.end();
      return { show() {}, hide() {} };
    }
    let strings: Record<string, unknown> = {};
    try {
      strings = Object(JSON.parse(attribute('strings') ?? '{}'));
    } catch {
      // Malformed data-strings is the panel stage's error to report; the default name stays.
    }
    const closeTeaser = strings['closeTeaser'];
    return createTeaser(shell, {
      teaser: attribute('teaser')?.trim() || undefined,
      teaserDelayMs: delay === undefined ? 3000 : Number(delay),
      storage: mode ?? 'local',
      endpoint: attribute('endpoint') ?? '',
      closeTeaser: typeof closeTeaser === 'string' ? closeTeaser : undefined,
    });
  };
