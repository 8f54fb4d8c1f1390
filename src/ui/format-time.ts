/** One formatter per language and shape: building an Intl.DateTimeFormat is the costly part. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A message's time in the widget's language: the time of day, with the date when it is not today
 * (`now`'s day, in the visitor's time zone).
 */
export function formatTime(at: number, lang: string, now = Date.now()): string {
  const date = new Date(at);
  const today = date.toDateString() === new Date(now).toDateString();
  const key = lang + today;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(
      lang,
      today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
    );
    formatters.set(key, formatter);
  }
  return formatter.format(date);
}
