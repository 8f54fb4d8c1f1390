/** One structured log line of the proxy. Never holds a secret; message text only when opted in. */
export interface LogEntry {
  /** `error` lines need an operator (a misconfigured upstream, a bug); `warn` lines may. */
  level: 'info' | 'warn' | 'error';
  /** What happened, e.g. `request` or `upstream_retry`. */
  event: string;
  /** Further facts: request id, status, provider, latency, codes. */
  [field: string]: unknown;
}

/** Where log lines go. */
export type Logger = (entry: LogEntry) => void;

/** Writes each entry as one JSON line: errors to stderr, the rest to stdout. */
export const consoleLogger: Logger = (entry) => {
  const line = JSON.stringify({ time: new Date().toISOString(), ...entry });
  if (entry.level === 'error') console.error(line);
  else console.log(line);
};

/**
 * Where the default logger's request lines go, except errors (always `console.error` at once):
 * `console.log` on every runtime, which a runtime adapter may swap for a cheaper writer of the same
 * text (the Node adapter batches them per event-loop turn: src/proxy/node/batched-lines.ts).
 */
export interface LineChoice {
  out: (line: string) => void;
}

/** The default {@link LineChoice.out}: one `console.log` per line. */
export const consoleOut = (line: string): void => console.log(line);
