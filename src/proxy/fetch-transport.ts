import {
  brokenOffError,
  MAX_UPSTREAM_BYTES,
  tooLargeError,
  transportError,
  type UpstreamTransport,
} from './upstream-transport.ts';

/**
 * The upstream transport over a Fetch-API `fetch`: the default wherever the proxy runs as a
 * Fetch-API handler (Workers, Deno, Bun, Next.js). Redirects are not followed (`manual`): a redirect
 * means a wrong URL or, at Famulor, a refused token, and following it would turn a clear failure
 * into a confusing HTML "success".
 */
export function createFetchTransport(fetchFn: typeof fetch): UpstreamTransport {
  return async (url, { headers, body, signal, label }) => {
    let response: Response;
    try {
      response = await fetchFn(url, { method: 'POST', headers, body, redirect: 'manual', signal });
    } catch (error) {
      throw transportError(error, signal, label);
    }
    try {
      return { status: response.status, headers: response.headers, text: await readText(response) };
    } catch (error) {
      throw brokenOffError(error, signal, label, response.status);
    }
  };
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
      throw tooLargeError(response.status);
    }
    text += decoder.decode(value, { stream: true });
  }
}
