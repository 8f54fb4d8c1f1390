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
