import type { IncomingMessage } from 'node:http';
import { HttpError } from '../http-error.ts';

/** A request body read by {@link readBody}. */
export interface ReadBody {
  /** The bytes read, at most the cap. */
  bytes: Uint8Array<ArrayBuffer>;
  /** More was sent than the cap; the rest is left unread. */
  truncated: boolean;
}

/**
 * Reads at most `max` bytes of the body within `deadlineMs`. Beyond the cap the rest is left unread
 * (the stream is paused, not destroyed, so the socket stays usable for the answer). A body that
 * has not arrived by the deadline is a 408: a client trickling bytes must not hold a connection
 * (and a file descriptor) for minutes, which is how 1,100 slow connections from one address used
 * to exhaust the process.
 */
export function readBody(req: IncomingMessage, max: number, deadlineMs: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const timer = setTimeout(() => {
      stop();
      req.pause();
      reject(
        new HttpError(
          408,
          'bad_request',
          `The request body did not arrive within ${Math.ceil(deadlineMs / 1000)} s; send it again.`,
        ),
      );
    }, deadlineMs);
    const stop = (): void => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError);
    };
    const finish = (truncated: boolean): void => {
      stop();
      // A body in one chunk (a chat message nearly always is) is handed over as that chunk: a view
      // of the socket's read, which nothing else writes to, so no copy and no ArrayBuffer of its
      // own for the garbage collector to sweep. Several chunks are copied into one array.
      if (chunks.length === 1) {
        resolve({ bytes: chunks[0] as Uint8Array<ArrayBuffer>, truncated });
        return;
      }
      const bytes = new Uint8Array(total);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      resolve({ bytes, truncated });
    };
    const onData = (chunk: Buffer): void => {
      const room = max - total;
      if (chunk.byteLength > room) {
        chunks.push(chunk.subarray(0, room));
        total = max;
        req.pause();
        finish(true);
        return;
      }
      chunks.push(chunk);
      total += chunk.byteLength;
    };
    const onEnd = (): void => finish(false);
    const onError = (error: Error): void => {
      stop();
      reject(error);
    };
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** The body length the client declared, when it declared a valid one. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  return header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
}
