import { signal } from '@preact/signals';

/**
 * One formatter per language and shape: building an Intl.DateTimeFormat is the costly part. Keys
 * are a checked language code and `true`/`false`, so no key can meet the prototype's names.
 */
const formatters: Record<string, Intl.DateTimeFormat> = {};

/**
 * A message's time in the widget's language: the time of day, with the date when it is not today
 * (`now`'s day, in the visitor's time zone).
 */
export function formatTime(at: number, lang: string, now = Date.now()): string {
  const date = new Date(at);
  const today = date.toDateString() === new Date(now).toDateString();
  return (formatters[lang + today] ??= new Intl.DateTimeFormat(
    lang,
    today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
  )).format(date);
}

/**
 * False while the first drawing of a stored history must not build the formats: the first
 * Intl.DateTimeFormat of a page loads the locale's data (tens of ms), which would make that drawing
 * a long task. Messages hold a blank time of the same height meanwhile, filled a task later (see
 * readyToDraw in src/embed/panel-stage.ts).
 */
export const timesReady = signal(true);
