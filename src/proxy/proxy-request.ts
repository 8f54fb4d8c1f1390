/**
 * What the proxy's routes read of a request. A Fetch-API `Request` is one; the Node adapter passes
 * a lighter object over `node:http`'s request with the body it already read, so a request on Node
 * never becomes a `Request` with a body stream.
 */
export interface ProxyRequest {
  readonly method: string;
  /** The absolute URL; only its path is routed on. */
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  /** A Fetch body stream, or the bytes an adapter already read. */
  readonly body: ReadableStream<Uint8Array> | Uint8Array | null;
}
