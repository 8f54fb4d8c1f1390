import type { ChatFacts } from './chat-route.ts';
import type { HttpError } from './http-error.ts';
import { consoleLogger, consoleOut, type LogEntry, type Logger } from './log.ts';
import { UpstreamError } from './provider.ts';

/** The facts of one request's log line, as the handler gathers them. */
export interface RequestFacts {
  requestId: string;
  method: string;
  path: string;
  status: number;
  provider: string;
  latencyMs: number;
  facts: ChatFacts;
  /** The page's origin as shown in logs, when the request had one. */
  origin: string | undefined;
  failure: HttpError | undefined;
  cause: unknown;
}

/**
 * Logs one request. To the default console logger the JSON line is written as text straight from
 * the facts (no entry object, no spread, one `JSON.stringify` per string); a logger of the
 * operator's gets the same fields as a {@link LogEntry}. Both give the same line, in the same order.
 * `out` writes the default logger's lines below `error` (`LineChoice` in log.ts).
 */
export function logRequest(
  log: Logger,
  request: RequestFacts,
  out: (line: string) => void = consoleOut,
): void {
  const level = levelOf(request);
  if (log !== consoleLogger) {
    log(entryOf(request, level));
    return;
  }
  let line = `{"time":"${new Date().toISOString()}","level":"${level}","event":"request","request_id":"${request.requestId}","method":${JSON.stringify(request.method)},"path":${JSON.stringify(request.path)},"status":${request.status},"provider":${JSON.stringify(request.provider)},"latency_ms":${JSON.stringify(request.latencyMs)}`;
  const facts = request.facts as Record<string, unknown>;
  for (const name in facts) {
    const value = facts[name];
    if (value !== undefined) line += `,"${name}":${JSON.stringify(value)}`;
  }
  if (request.origin !== undefined) line += `,"origin":${JSON.stringify(request.origin)}`;
  const { failure, cause } = request;
  if (failure !== undefined) {
    line += `,"error_code":"${failure.code}"`;
    const detail = detailOf(failure, cause);
    if (cause instanceof UpstreamError) {
      line += `,"upstream_failure":"${cause.failure}"`;
      if (cause.status !== undefined) line += `,"upstream_status":${cause.status}`;
    }
    if (detail !== undefined) line += `,"detail":${JSON.stringify(detail)}`;
  }
  line += '}';
  if (level === 'error') console.error(line);
  else out(line);
}

/** The same line as an entry, for a logger of the operator's. */
function entryOf(request: RequestFacts, level: LogEntry['level']): LogEntry {
  const entry: LogEntry = {
    level,
    event: 'request',
    request_id: request.requestId,
    method: request.method,
    path: request.path,
    status: request.status,
    provider: request.provider,
    latency_ms: request.latencyMs,
    ...request.facts,
  };
  if (request.origin !== undefined) entry.origin = request.origin;
  const { failure, cause } = request;
  if (failure === undefined) return entry;
  entry.error_code = failure.code;
  if (cause instanceof UpstreamError) {
    entry.upstream_failure = cause.failure;
    if (cause.status !== undefined) entry.upstream_status = cause.status;
  }
  const detail = detailOf(failure, cause);
  if (detail !== undefined) entry.detail = detail;
  return entry;
}

/** `error` needs an operator (a refused or misconfigured upstream, a bug); `warn` may. */
function levelOf({ failure, cause }: RequestFacts): LogEntry['level'] {
  if (failure === undefined) return 'info';
  if (cause instanceof UpstreamError) {
    return cause.failure === 'unauthorized' || cause.failure === 'misconfigured' ? 'error' : 'warn';
  }
  return failure.status >= 500 ? 'error' : 'info';
}

/** Operator-facing text: an upstream's is written by the providers and names no secret. */
function detailOf(failure: HttpError, cause: unknown): string | undefined {
  if (cause instanceof UpstreamError) return cause.message;
  if (failure.status < 500) return undefined;
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}
