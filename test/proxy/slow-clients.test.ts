import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listen, toNodeListener, type Listening } from '../../src/proxy/node/index.ts';
import { startHarness, type Harness } from '../support/proxy-harness.ts';

let harness: Harness | undefined;
let server: Listening | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await server?.close();
  server = undefined;
  await harness?.close();
  harness = undefined;
});

/** The proxy on a real loopback server with the Node adapter's defences as `listen` ships them. */
async function serve(listener: { bodyTimeoutMs?: number } = {}): Promise<number> {
  harness = await startHarness();
  server = await listen(toNodeListener(harness.handler, listener), { port: 0 });
  return Number(new URL(server.url).port);
}

/**
 * A raw connection from `from` that sends the start of a chat POST and then trickles. Resolves
 * once connected, or once closed: the server may close it at once (over the cap).
 */
function slowPost(port: number, from: string, declared: number): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress: from }, () => {
      socket.write(
        `POST /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n{`,
      );
      resolve(socket);
    });
    socket.on('error', () => undefined);
    socket.once('close', () => resolve(socket));
    sockets.push(socket);
  });
}

/** Everything the server writes on `socket` until it closes the connection. */
function answerOf(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('close', () => resolve(text));
  });
}

/** A whole chat message, sent as a browser would, from the loopback address `from`. */
function visit(port: number, from: string): Promise<number> {
  const body = JSON.stringify({ text: `Hi from ${from}` });
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        port,
        host: '127.0.0.1',
        localAddress: from,
        method: 'POST',
        path: '/chat',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe('slow clients (Node adapter)', () => {
  it('keeps serving legitimate visitors while one IP holds as many slow connections as it can', async () => {
    const port = await serve();
    // The attacker opens far more connections than the cap and trickles a byte now and then.
    const attacker = await Promise.all(
      Array.from({ length: 200 }, () => slowPost(port, '127.0.0.1', 1_000)),
    );
    const held = () => attacker.filter((socket) => !socket.destroyed).length;
    const trickle = setInterval(() => {
      for (const socket of attacker) if (!socket.destroyed) socket.write(' ');
    }, 100);
    try {
      // Beyond the per-address cap every connection is closed at once; the rest stay held.
      await expect.poll(held).toBe(32);
      const visitors = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6'];
      const statuses = await Promise.all(
        [...visitors, ...visitors].map((from) => visit(port, from)),
      );
      expect(statuses).toEqual(Array(10).fill(200));
      expect(held()).toBe(32);
    } finally {
      clearInterval(trickle);
    }
  });

  it('answers 408 and closes the connection when the body does not arrive by the deadline', async () => {
    const port = await serve({ bodyTimeoutMs: 300 });
    const socket = await slowPost(port, '127.0.0.1', 100);
    const answer = await answerOf(socket);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toMatch(/connection: close/i);
    expect(answer).toContain('did not arrive within 1 s');
    expect(harness?.upstream.requests).toHaveLength(0);
  });

  it('refuses an oversized declared Content-Length before reading any of the body', async () => {
    const port = await serve();
    // Ten megabytes declared, none sent: the answer cannot wait for the body.
    const socket = await slowPost(port, '127.0.0.1', 10_000_000);
    const answer = await answerOf(socket);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('payload_too_large');
    expect(harness?.upstream.requests).toHaveLength(0);
  });
});
