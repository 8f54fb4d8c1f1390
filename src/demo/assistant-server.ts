import { listen } from '../proxy/node/listen.ts';
import { toNodeListener } from '../proxy/node/to-node-listener.ts';
import { createDemoAssistant, MAX_BODY_BYTES, type DemoAssistantOptions } from './assistant.ts';

/** Options of {@link startDemoAssistant}; every field is optional. */
export interface DemoAssistantServerOptions extends DemoAssistantOptions {
  /**
   * Interface to listen on. Loopback: only the proxy in the same process should call the assistant.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * Port to listen on; 0 picks a free one.
   * @default 0
   */
  port?: number;
}

/** A running demo assistant. */
export interface RunningDemoAssistant {
  /** The full chat route, e.g. `http://127.0.0.1:41234/chat`, to use as the proxy's upstream. */
  url: string;
  /** Stops the server and ends its connections. */
  close(): Promise<void>;
}

/** Starts the embedded demo assistant on `node:http`, speaking Quickchat's legacy `POST /chat`. */
export async function startDemoAssistant(
  options: DemoAssistantServerOptions = {},
): Promise<RunningDemoAssistant> {
  const { host = '127.0.0.1', port = 0, ...assistantOptions } = options;
  const assistant = createDemoAssistant(assistantOptions);
  // One byte over the assistant's own limit reaches it, so an oversized body is its documented 413
  // rather than a body silently cut short.
  const listener = toNodeListener(assistant, { maxBodyBytes: MAX_BODY_BYTES + 1 });
  // Only the proxy in this process calls it, over as many pooled connections as its load needs.
  const server = await listen(listener, { port, host, maxConnectionsPerIp: 0 });
  // The proxy's fetch (undici) drops an idle pooled socket after about 4 s. A server that closes
  // it first (Node's default is 5 s, and timers run late on a busy machine) can reset a request
  // already on its way: ECONNRESET, which the proxy must not retry. So the client always closes first.
  server.server.keepAliveTimeout = 60_000;
  return { url: `${server.url}/chat`, close: () => server.close() };
}
