import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeTransport } from '../../src/proxy/node/http-transport.ts';

/** A loopback upstream that counts its connections and answers with `keepAlive` as its hint. */
async function upstream(keepAlive?: string) {
  const connections: Socket[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (keepAlive !== undefined) headers['keep-alive'] = keepAlive;
      res.writeHead(200, headers).end('{"ok":true}');
    });
  });
  // The upstream itself keeps connections far longer than the tests wait: only the proxy closes them.
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket: Socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/chat`, connections, server };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const post = (transport: ReturnType<typeof createNodeTransport>, url: string) =>
  transport(url, {
    headers: { 'content-type': 'application/json' },
    body: '{}',
    signal: new AbortController().signal,
    label: 'Upstream',
  });

const closed = (socket: Socket) =>
  new Promise<void>((resolve) => {
    if (socket.destroyed) resolve();
    else socket.once('close', () => resolve());
  });

describe('the node:http transport with idle pooled connections', () => {
  it('reuses a connection while it is idle, and closes it once idle for idleMs', async () => {
    const { url, connections, server } = await upstream();
    servers.push(server);
    const transport = createNodeTransport({ idleMs: 200 });
    expect((await post(transport, url)).status).toBe(200);
    expect((await post(transport, url)).status).toBe(200);
    expect(connections).toHaveLength(1);
    // Only the proxy's side ends the idle connection.
    await closed(connections[0] as Socket);
    expect((await post(transport, url)).status).toBe(200);
    expect(connections).toHaveLength(2);
  });

  it("closes it sooner when the upstream's Keep-Alive hint is shorter, less a second", async () => {
    const { url, connections, server } = await upstream('timeout=2');
    servers.push(server);
    const transport = createNodeTransport({ idleMs: 60_000 });
    expect((await post(transport, url)).status).toBe(200);
    await closed(connections[0] as Socket);
    expect(connections).toHaveLength(1);
  });

  it('does not reuse a connection whose Keep-Alive hint leaves no time', async () => {
    const { url, connections, server } = await upstream('timeout=1');
    servers.push(server);
    const transport = createNodeTransport();
    expect((await post(transport, url)).status).toBe(200);
    expect((await post(transport, url)).status).toBe(200);
    expect(connections).toHaveLength(2);
  });
});
