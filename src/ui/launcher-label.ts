import type { Language } from '../core/options.ts';

/**
 * The launcher's accessible name (fixed in docs/ARCHITECTURE.md, "Accessible names"), apart from the other strings: the
 * script-tag loader renders the launcher before the panel stage and carries only these.
 */
export const OPEN_CHAT: Record<Language, string> = { en: 'Open chat', de: 'Chat öffnen' };

/** The launcher's name in `lang`, or the site owner's `openChat` override from `data-strings`. */
export function launcherLabel(
  lang: Language,
  overrides: Readonly<Record<string, unknown>>,
): string {
  const own = overrides['openChat'];
  return typeof own === 'string' ? own : OPEN_CHAT[lang];
}
