import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A listening server and how to stop it. */
export interface Listening {
  /** The base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** The underlying server. */
  server: Server;
  /** Stops accepting connections, ends idle and open ones, and resolves when closed. */
  close(): Promise<void>;
}

/** Starts a `node:http` server with `listener` on `port` (0 picks a free one) and `host`. */
export async function listen(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  options: { port: number; host?: string },
): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}
