import { fail, type Env } from './env-values.ts';
import { SETTINGS } from './settings.ts';

/** Prefixes that are Chatlet's: a variable with one of them that Chatlet does not read is a typo. */
const OURS = /^(CHATLET|QUICKCHAT|FAMULOR)_/;

/**
 * Refuses the first set variable that looks like Chatlet's but is not in {@link SETTINGS}, with the
 * closest known name: a typo such as `QUICKCHAT_APIKEY` would otherwise leave the proxy without the
 * setting the operator believes is there.
 */
export function assertKnownSettings(env: Env): void {
  const known = new Set(SETTINGS.map((setting) => setting.name));
  for (const name of Object.keys(env)) {
    if (!OURS.test(name) || known.has(name) || env[name] === undefined) continue;
    const close = closest(name, [...known]);
    throw fail(
      name,
      close === undefined
        ? 'is not a Chatlet setting: remove it (`chatlet-proxy --help` lists them)'
        : `is not a Chatlet setting: did you mean ${close}?`,
    );
  }
}

/** The known name nearest to `name`, when it is near enough to be the intended one. */
function closest(name: string, names: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of names) {
    const distance = editDistance(name, candidate);
    if (best === undefined || distance < best.distance) best = { name: candidate, distance };
  }
  // A quarter of the name: catches a dropped `_` or a swapped word part, not an unrelated name.
  return best !== undefined && best.distance <= Math.max(2, Math.floor(name.length / 4))
    ? best.name
    : undefined;
}

/** Levenshtein distance with one row of memory; the names are short. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
