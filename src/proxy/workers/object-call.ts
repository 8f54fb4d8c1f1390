import type { Logger } from '../log.ts';
import type { DurableObjectNamespace } from './bindings.ts';
import type { StateCall } from './chatlet-state.ts';

/** Longest a call to a `ChatletState` object may take before local memory answers instead. */
export const OBJECT_CALL_TIMEOUT_MS = 1_000;

/** Calls one object and tells whether the objects answer at all. */
export interface ObjectCaller {
  /**
   * Sends `call` to the object named `objectName`; when the object fails or is slower than
   * {@link OBJECT_CALL_TIMEOUT_MS}, returns `fallback()` instead, so a visitor is still answered.
   */
  call<T>(objectName: string, call: StateCall, fallback: () => Promise<T>): Promise<T>;
  /** `false` from a failed call until the next one succeeds. */
  healthy(): boolean;
}

/**
 * Calls over a namespace with the failure rule the other shared states follow: one warning per
 * outage (not per request), local memory meanwhile, back to the objects on the next success.
 */
export function objectCaller(namespace: DurableObjectNamespace, log: Logger): ObjectCaller {
  let healthy = true;

  const send = async <T>(objectName: string, body: StateCall): Promise<T> => {
    const stub = namespace.get(namespace.idFromName(objectName));
    const response = await stub.fetch('https://chatlet-state/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`the object answered ${response.status}`);
    return ((await response.json()) as { result: T }).result;
  };

  return {
    async call(objectName, body, fallback) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${OBJECT_CALL_TIMEOUT_MS} ms`)),
          OBJECT_CALL_TIMEOUT_MS,
        );
      });
      try {
        const result = await Promise.race([
          send<Awaited<ReturnType<typeof fallback>>>(objectName, body),
          timeout,
        ]);
        if (!healthy)
          log({
            level: 'info',
            event: 'state',
            state: 'durable-object',
            detail: 'ChatletState answers again; shared state is back.',
          });
        healthy = true;
        return result;
      } catch (error) {
        if (healthy) {
          log({
            level: 'warn',
            event: 'state',
            state: 'degraded',
            detail: `ChatletState failed (${error instanceof Error ? error.message : String(error)}); this isolate answers from its own memory until it is back.`,
          });
        }
        healthy = false;
        return fallback();
      } finally {
        clearTimeout(timer);
      }
    },
    healthy: () => healthy,
  };
}
