// The soak's proxy: the BUILT `createChatletProxy` (dist/npm/proxy.js) on the built Node adapter
// (dist/npm/proxy-node.js), alone in a process started with --expose-gc, so its RSS is the proxy's
// own. Over IPC it reports memory (after a full GC when asked) and forwards every log line that is
// not `info`; stderr is watched by the parent as well. It exits when the parent goes away or after
// CHATLET_SOAK_MAX_S seconds.
import { pathToFileURL } from 'node:url';

const [upstreamUrl, npmDir] = process.argv.slice(2);
const MAX_S = Number(process.env.CHATLET_SOAK_MAX_S ?? '600');

const { createChatletProxy } = await import(pathToFileURL(`${npmDir}/proxy.js`).href);
const { listen, toNodeListener } = await import(pathToFileURL(`${npmDir}/proxy-node.js`).href);

const levels = { info: 0, warn: 0, error: 0 };
const proxy = createChatletProxy({
  provider: {
    kind: 'quickchat',
    apiKey: process.env.CHATLET_SOAK_API_KEY,
    scenarioId: 'soak-scenario',
    url: upstreamUrl,
  },
  secret: process.env.CHATLET_SOAK_SECRET,
  // Every visitor comes from 127.0.0.1: limits high enough never to refuse, still exercised.
  ipRequestsPerMinute: 1_000_000,
  conversationRequestsPerMinute: 1_000_000,
  upstreamTimeoutMs: 10_000,
  log: (entry) => {
    // Serialised as the default logger would, so the soak pays the logging cost too.
    const line = JSON.stringify({ time: new Date().toISOString(), ...entry });
    levels[entry.level] = (levels[entry.level] ?? 0) + 1;
    if (entry.level !== 'info') process.send?.({ type: 'log', level: entry.level, line });
  },
});
// Every visitor comes from 127.0.0.1, as behind a reverse proxy: the per-address connection cap
// (32 by default) would refuse most of the 200 concurrent visitors, so it is off here.
const server = await listen(toNodeListener(proxy), {
  port: 0,
  host: '127.0.0.1',
  maxConnectionsPerIp: 0,
});
process.send?.({ type: 'ready', url: server.url });

process.on('message', async (message) => {
  if (message?.type === 'memory') {
    if (message.gc === true && typeof globalThis.gc === 'function') {
      // Twice, with a turn of the event loop between: weak references and finalizers settle.
      globalThis.gc();
      await new Promise((resolve) => setImmediate(resolve));
      globalThis.gc();
    }
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    const { user, system } = process.cpuUsage();
    process.send?.({
      type: 'memory',
      rss,
      heapUsed,
      heapTotal,
      external,
      cpuMs: (user + system) / 1000,
      levels: { ...levels },
    });
  } else if (message?.type === 'stop') {
    await server.close();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(2), MAX_S * 1000).unref();
