import { createFetchTransport } from '../../src/proxy/fetch-transport.ts';
import { createNodeTransport } from '../../src/proxy/node/http-transport.ts';
import type { UpstreamTransport } from '../../src/proxy/upstream-transport.ts';

/**
 * Both upstream transports, for `describe.each`: every upstream fault test runs against each, so the
 * Node transport is held to the failure mapping of the `fetch` one. A fresh one per call, so no
 * pooled connection carries over between stand-ins.
 */
export const TRANSPORTS: Array<[name: string, make: () => UpstreamTransport]> = [
  ['fetch', () => createFetchTransport((input, init) => fetch(input, init))],
  ['node:http', () => createNodeTransport()],
];
