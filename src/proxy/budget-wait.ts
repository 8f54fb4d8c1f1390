import { UpstreamError } from './provider.ts';

/** The error of a turn whose signal aborted while it waited for upstream budget. */
export const abortedWhileWaiting = (signal: AbortSignal): UpstreamError =>
  new UpstreamError('timeout', 'The turn gave up while waiting for upstream budget.', {
    cause: signal.reason,
  });

/**
 * Sleeps `ms` with the injected `sleep`, but rejects as soon as `signal` aborts, so a turn whose
 * deadline passed stops waiting at once instead of at its next wake.
 */
export function pause(
  sleep: (ms: number) => Promise<void>,
  ms: number,
  signal: AbortSignal,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(abortedWhileWaiting(signal));
      return;
    }
    const onAbort = (): void => reject(abortedWhileWaiting(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    void sleep(ms).then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
