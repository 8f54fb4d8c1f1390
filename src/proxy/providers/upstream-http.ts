import { UpstreamError } from '../provider.ts';

/** An upstream answer, read fully (up to a cap) so the caller can classify it. */
export interface UpstreamResponse {
  status: number;
  headers: Headers;
  /** The body text; never passed on to a browser. */
  text: string;
}

/** Largest upstream body read; a longer one is treated as a bad response, not buffered. */
const MAX_UPSTREAM_BYTES = 1024 * 1024;

/** Only these prove that no byte of the request reached the upstream, so a retry is safe. */
const CONNECT_CODES = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
];

/**
 * POSTs JSON with redirects not followed (a redirect means a wrong URL or, at Famulor, a refused
 * token; following it turns a clear failure into a confusing HTML "success"). Failures become
 * {@link UpstreamError}s named after `label`, without the URL's secrets or the body.
 */
export async function postJson(
  fetchFn: typeof fetch,
  url: string,
  request: { headers: Record<string, string>; body: unknown; signal: AbortSignal; label: string },
): Promise<UpstreamResponse> {
  const { signal, label } = request;
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...request.headers,
      },
      body: JSON.stringify(request.body),
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    throw transportError(error, signal, label);
  }
  try {
    return { status: response.status, headers: response.headers, text: await readText(response) };
  } catch (error) {
    if (error instanceof UpstreamError) throw error;
    // The connection broke while the answer was arriving: the turn may have happened upstream.
    throw new UpstreamError(
      signal.aborted ? 'timeout' : 'failed',
      `${label} broke off its answer (HTTP ${response.status}).`,
      { status: response.status, cause: error },
    );
  }
}

async function readText(response: Response): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    total += value.byteLength;
    if (total > MAX_UPSTREAM_BYTES) {
      reader.cancel().catch(() => undefined);
      throw new UpstreamError(
        'bad_response',
        `Upstream answer larger than ${MAX_UPSTREAM_BYTES} bytes.`,
        {
          status: response.status,
        },
      );
    }
    text += decoder.decode(value, { stream: true });
  }
}

function transportError(error: unknown, signal: AbortSignal, label: string): UpstreamError {
  if (signal.aborted) {
    return new UpstreamError('timeout', `${label} did not answer in time.`, { cause: error });
  }
  const code = systemCode(error);
  const failure = code !== undefined && CONNECT_CODES.includes(code) ? 'connect' : 'failed';
  return new UpstreamError(failure, `Could not reach ${label} (${code ?? 'network error'}).`, {
    cause: error,
  });
}

/** The first system error code in the cause chain (undici nests it, sometimes in an AggregateError). */
function systemCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 8) return undefined;
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.code === 'string') return record.code;
  if (Array.isArray(record.errors)) {
    for (const inner of record.errors) {
      const code = systemCode(inner, depth + 1);
      if (code !== undefined) return code;
    }
  }
  return systemCode(record.cause, depth + 1);
}

/** Seconds from a `Retry-After` header (seconds or an HTTP date), bounded to an hour. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  const text = header?.trim();
  if (text === undefined || text === '') return undefined;
  let seconds: number;
  if (/^\d+$/.test(text)) seconds = Number(text);
  else {
    // An HTTP date always names GMT; Date.parse alone would also read "-5" as a year.
    const at = text.endsWith('GMT') ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(at)) return undefined;
    seconds = Math.max(0, Math.ceil((at - now) / 1000));
  }
  return Math.min(seconds, 3600);
}

/** The body parsed as a JSON object, or `undefined`. */
export function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
