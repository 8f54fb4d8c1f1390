/**
 * A setting of the proxy is missing or wrong. Its message is one line that names the setting and
 * the fix, so start-up can print it as is, without a stack trace.
 */
export class ProxyConfigError extends Error {
  /** Brand for {@link isProxyConfigError}, which `instanceof` cannot do across bundle copies. */
  readonly isProxyConfigError = true;
  /** The environment variable or option at fault. */
  readonly setting: string;

  constructor(setting: string, message: string) {
    super(message);
    this.name = 'ProxyConfigError';
    this.setting = setting;
  }
}

/** True for a {@link ProxyConfigError}, also one from another bundle copy. */
export function isProxyConfigError(value: unknown): value is ProxyConfigError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { isProxyConfigError?: unknown }).isProxyConfigError === true
  );
}
