/** `chatlet/proxy/node`: run the proxy on `node:http`, or mount it in Express. */
export { toNodeListener, type NextFunction, type NodeListenerOptions } from './to-node-listener.ts';
export { listen, type Listening, type ListenOptions } from './listen.ts';
export { createRedisState, type RedisStateOptions } from '../state/redis/redis-state.ts';
export { createNodeTransport, type NodeTransportOptions } from './http-transport.ts';
