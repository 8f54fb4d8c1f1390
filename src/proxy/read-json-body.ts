import { HttpError } from './http-error.ts';
import type { Awaitable } from './proxy-crypto.ts';
import type { ProxyRequest } from './proxy-request.ts';

/** `application/json`, with or without parameters such as `charset=utf-8`. */
const JSON_TYPE = /^application\/json\s*(;|$)/i;
/** `fatal` refuses malformed UTF-8 instead of silently replacing it with U+FFFD; one for all calls. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a request body as JSON, refusing what is not JSON (415), larger than `maxBytes` (413) or
 * not parseable (400). The body is read with a byte cap: `Content-Length` is only a shortcut, since
 * a chunked request has none and a lying one must not make us buffer more than the cap.
 *
 * A promise only for a body stream: a body an adapter already read (Node) is parsed at once, and a
 * refusal is thrown at once, so a message on Node makes no promise here. JSON never parses to a
 * promise, so `instanceof Promise` tells the two apart; `await` works on either.
 */
export function readJsonBody(request: ProxyRequest, maxBytes: number): Awaitable<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!JSON_TYPE.test(type.trim())) {
    throw new HttpError(
      415,
      'unsupported_media_type',
      'Send the message as JSON with "Content-Type: application/json".',
    );
  }
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const { body } = request;
  if (body === null) return parseJson(new Uint8Array(0));
  if (body instanceof Uint8Array) {
    // Read already, by an adapter that capped it (it may pass one byte over the cap, to say so).
    if (body.byteLength > maxBytes) throw tooLarge(maxBytes);
    return parseJson(body);
  }
  return readCapped(body, maxBytes).then(parseJson);
}

function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch (error) {
    throw new HttpError(400, 'invalid_json', 'The request body is not valid UTF-8.', {
      cause: error,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, 'invalid_json', 'The request body is not valid JSON.', {
      cause: error,
    });
  }
}

async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await reader.read();
    } catch (error) {
      throw new HttpError(400, 'bad_request', 'The request body could not be read.', {
        cause: error,
      });
    }
    if (result.done) break;
    total += result.value.byteLength;
    if (total > maxBytes) {
      // Stop pulling: the rest of an oversized body is never buffered.
      reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(result.value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(
    413,
    'payload_too_large',
    `The request body is larger than ${maxBytes} bytes; send a shorter message.`,
  );
}
