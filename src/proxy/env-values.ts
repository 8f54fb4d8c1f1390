import { ProxyConfigError } from './config-error.ts';

/** The process environment, or any record shaped like it (Workers bindings). */
export type Env = Record<string, string | undefined>;

/** A set, non-blank variable, trimmed; blank counts as unset (`FOO= npm start`). */
export function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

/** A variable that must be set; `what` says what to set it to. */
export function required(env: Env, name: string, what: string): string {
  const found = value(env, name);
  if (found === undefined) throw fail(name, `is missing: set it to ${what}`);
  return found;
}

/** A whole number written in digits, or `undefined` when unset. Ranges are checked on resolve. */
export function integer(env: Env, name: string): number | undefined {
  const found = value(env, name);
  if (found === undefined) return undefined;
  const parsed = /^\d+$/.test(found) ? Number(found) : Number.NaN;
  if (!Number.isSafeInteger(parsed)) {
    throw fail(name, `is "${found}": set it to a whole number written in digits`);
  }
  return parsed;
}

/** A comma-separated list without blanks, or `undefined` when unset. */
export function list(env: Env, name: string): string[] | undefined {
  const found = value(env, name);
  if (found === undefined) return undefined;
  return found
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A boolean written as true/false, 1/0, yes/no or on/off; `undefined` when unset. */
export function flag(env: Env, name: string): boolean | undefined {
  const found = value(env, name)?.toLowerCase();
  if (found === undefined) return undefined;
  if (['0', 'false', 'no', 'off'].includes(found)) return false;
  if (['1', 'true', 'yes', 'on'].includes(found)) return true;
  throw fail(name, `is "${found}": set it to true or false`);
}

/** The one-line refusal of variable `name`. */
export function fail(name: string, problem: string): ProxyConfigError {
  // One line, whatever the operator typed: newlines in a quoted value would break the promise.
  const sentence = /[.?]$/.test(problem) ? problem : `${problem}.`;
  return new ProxyConfigError(name, `${name} ${sentence}`.replace(/[\r\n]+/g, ' '));
}
