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

/** An http(s) URL, or `fallback` when unset. */
export function url(env: Env, name: string, fallback: string): string {
  const found = value(env, name);
  if (found === undefined) return fallback;
  let parsed: URL | undefined;
  try {
    parsed = new URL(found);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    throw fail(name, `is not an http(s) URL: set it to the full endpoint, e.g. ${fallback}`);
  }
  return found;
}

/** A whole number within [min, max], or `fallback` when unset (required when it is undefined). */
export function integer(
  env: Env,
  name: string,
  fallback: number | undefined,
  min: number,
  max: number,
  what: string,
): number {
  const found = value(env, name);
  if (found === undefined) {
    if (fallback === undefined) throw fail(name, `is missing: set it to ${what}`);
    return fallback;
  }
  const parsed = /^\d+$/.test(found) ? Number(found) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw fail(name, `is "${found}": set it to ${what}`);
  }
  return parsed;
}

/** A boolean written as true/false, 1/0, yes/no or on/off; unset is false. */
export function flag(env: Env, name: string): boolean {
  const found = value(env, name)?.toLowerCase();
  if (found === undefined || ['0', 'false', 'no', 'off'].includes(found)) return false;
  if (['1', 'true', 'yes', 'on'].includes(found)) return true;
  throw fail(name, `is "${found}": set it to true or false`);
}

/** The one-line refusal of variable `name`. */
export function fail(name: string, problem: string): ProxyConfigError {
  // One line, whatever the operator typed: newlines in a quoted value would break the promise.
  return new ProxyConfigError(name, `${name} ${problem}.`.replace(/[\r\n]+/g, ' '));
}
