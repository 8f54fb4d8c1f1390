import type { ServerResponse } from 'node:http';

/** The failure answers every upstream stand-in can be scripted to give, whatever its API. */
export type FaultStep =
  /** Any status with a JSON body and headers (401, 402, 429 with Retry-After, 500, 503, …). */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Any status with a raw body, e.g. a 502 HTML page or truncated JSON. */
  | { kind: 'raw'; status: number; body: string; contentType?: string }
  /** Reads the request and never answers. */
  | { kind: 'hang' }
  /** Reads the request, then drops the connection without a response. */
  | { kind: 'reset' };

const FAULT_KINDS: ReadonlySet<string> = new Set<FaultStep['kind']>([
  'status',
  'raw',
  'hang',
  'reset',
]);

/**
 * Answers `step` when it is a fault and says so; otherwise the stand-in answers its own success.
 * A type guard, so the stand-in's code after it sees only its success steps.
 */
export function answerFault(
  res: ServerResponse,
  step: FaultStep | { kind: string },
): step is FaultStep {
  if (!FAULT_KINDS.has(step.kind)) return false;
  const fault = step as FaultStep;
  switch (fault.kind) {
    case 'hang':
      break;
    case 'reset':
      res.socket?.destroy();
      break;
    case 'raw':
      res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'text/html' });
      res.end(fault.body);
      break;
    case 'status':
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(fault.body === undefined ? '' : JSON.stringify(fault.body));
      break;
  }
  return true;
}
