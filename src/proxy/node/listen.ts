import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { capConnectionsPerIp } from './connection-cap.ts';

/** A listening server and how to stop it. */
export interface Listening {
  /** The base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** The underlying server. */
  server: Server;
  /** Stops accepting connections, ends idle and open ones, and resolves when closed. */
  close(): Promise<void>;
}

/** Where and how {@link listen} serves. */
export interface ListenOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /**
   * Interface to listen on.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * Most connections one client address may hold open; 0 turns the cap off. Turn it off behind a
   * reverse proxy, whose one address carries every visitor (`CHATLET_TRUST_PROXY` does).
   * @default 32
   */
  maxConnectionsPerIp?: number;
}

/**
 * Starts a `node:http` server with `listener`. Besides the per-address connection cap, request
 * headers must arrive within 10 s and the whole request within 15 s (Node's defaults are 60 s and
 * 300 s), checked every second, so slow clients cannot hold connections for minutes.
 */
export async function listen(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  options: ListenOptions,
): Promise<Listening> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer(
    { headersTimeout: 10_000, requestTimeout: 15_000, connectionsCheckingInterval: 1_000 },
    listener,
  );
  const cap = options.maxConnectionsPerIp ?? 32;
  if (cap > 0) capConnectionsPerIp(server, cap);
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
