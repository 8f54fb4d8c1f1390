import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { ipBucketOf } from '../client-ip.ts';

/**
 * Caps the connections one client address may hold open at once: beyond `max` a new connection is
 * closed before any byte is read. Every open connection costs a file descriptor; without a cap one
 * address holding a thousand slow connections exhausts them (`EMFILE`) and every other visitor's
 * message fails. IPv6 counts per /64, like the rate limits (`src/proxy/client-ip.ts`).
 */
export function capConnectionsPerIp(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const key = ipBucketOf(socket.remoteAddress ?? 'unknown');
    const count = (open.get(key) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(key, count);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left <= 0) open.delete(key);
      else open.set(key, left);
    });
  });
}
