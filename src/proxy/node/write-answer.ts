import type { ServerResponse } from 'node:http';
import type { ErrorBody } from '../../core/protocol.ts';
import type { Answer } from '../answer.ts';

/** The body of a 404, read from a clone so the original can still be written. */
export async function peek(response: Response): Promise<string | null> {
  return response.status === 404 ? response.clone().text() : null;
}

/** The handler's own "no such route" 404, which a mounted proxy leaves to the app's next handler. */
export function isUnmatched(status: number, body: string | null): boolean {
  if (status !== 404 || body === null) return false;
  try {
    return (JSON.parse(body) as ErrorBody).error.code === 'not_found';
  } catch {
    return false;
  }
}

/** Writes an answer of the proxy's own handler; `close` as in {@link write}. */
export function writeAnswer(
  res: ServerResponse,
  method: string,
  answer: Answer,
  close: boolean,
): void {
  if (res.destroyed) return;
  if (close) answer.headers['connection'] = 'close';
  res.writeHead(answer.status, answer.headers);
  res.end(method === 'HEAD' || answer.body === null ? undefined : answer.body);
  if (close) res.once('finish', () => res.socket?.destroySoon());
}

/**
 * Writes `response` to `res`. `close` ends the connection after the answer: a body we stopped
 * reading (or never read) is not drained, and a client that trickled it gets no second chance.
 */
export async function write(
  res: ServerResponse,
  method: string,
  response: Response,
  close: boolean,
): Promise<void> {
  if (res.destroyed) return;
  const outgoing: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie') return;
    outgoing[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) outgoing['set-cookie'] = cookies;
  if (close) outgoing['connection'] = 'close';
  res.writeHead(response.status, outgoing);
  if (method === 'HEAD' || response.body === null) res.end();
  else res.end(Buffer.from(await response.arrayBuffer()));
  if (close) res.once('finish', () => res.socket?.destroySoon());
}
