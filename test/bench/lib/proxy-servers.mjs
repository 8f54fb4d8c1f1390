// The servers of the proxy benchmark, one per child process so each has its own event loop, as in
// production: `node proxy-servers.mjs upstream | forwarder <upstream> | fetch-forwarder <upstream> |
// chatlet <upstream> quiet|default <npm dir> node|fetch [state-memory|state-redis=<url>]`.
// Each listens on 127.0.0.1, reports its URL over IPC, and exits when the parent goes away or after
// `CHATLET_BENCH_MAX_S` seconds at the latest, so nothing outlives the benchmark.
import { createServer, request as httpRequest, Agent } from 'node:http';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [role, upstreamUrl, logMode, npmDir, transportName, stateMode] = process.argv.slice(2);
const maxSeconds = Number(process.env.CHATLET_BENCH_MAX_S ?? 600);
setTimeout(() => process.exit(0), maxSeconds * 1000).unref();
process.on('disconnect', () => process.exit(0));
// The parent asks for this process's CPU time around each slice: CPU per request is the cost figure
// that a busy, shared machine disturbs least (throughput and latency include waiting for a core).
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});

/** Reports the URL to the parent once the server listens. */
function ready(server, path) {
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    process.send?.({ url: `http://127.0.0.1:${port}${path}` });
  });
}

if (role === 'upstream') {
  // A Quickchat-like `/chat`: reads the whole JSON body, answers `{ord_number, conv_id, reply}`.
  let ord = 0;
  const reply =
    'Our support team answers within one business day. You can also find the status of your order under Account → Orders.';
  ready(
    createServer((req, res) => {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        ord += 1;
        const body = JSON.stringify({ ord_number: ord, conv_id: `bench-conv-${ord}`, reply });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body);
      });
    }),
    '/chat',
  );
} else if (role === 'forwarder') {
  // The bare pass-through: request and response streamed through, keep-alive to the upstream.
  const target = new URL(upstreamUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  ready(
    createServer((req, res) => {
      const upstream = httpRequest(
        target,
        { method: req.method, headers: { ...req.headers, host: target.host }, agent },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    }),
    '/chat',
  );
} else if (role === 'fetch-forwarder') {
  // A reference between the two: node:http in, the runtime's fetch() out, bodies buffered — the
  // transport the Chatlet proxy uses, without any of its own work.
  ready(
    createServer(async (req, res) => {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      try {
        const answer = await fetch(upstreamUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: Buffer.concat(chunks),
        });
        const body = await answer.text();
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(body);
      } catch {
        res.writeHead(502).end();
      }
    }),
    '/chat',
  );
} else if (role === 'chatlet') {
  // The real proxy from the package build, with its legacy Quickchat provider at the stand-in and
  // the abuse limits off, so the benchmark measures the proxy's own work, not a 429.
  const proxy = await import(pathToFileURL(join(npmDir, 'proxy.js')).href);
  const node = await import(pathToFileURL(join(npmDir, 'proxy-node.js')).href);
  // 'state-memory' / 'state-redis=<url>': the abuse limits on (never reached) and the state in
  // this process or in Redis, to compare the two in one run.
  const stateful = stateMode?.startsWith('state-') === true;
  const redisUrl = stateMode?.startsWith('state-redis=') ? stateMode.slice(12) : undefined;
  const state =
    redisUrl === undefined
      ? undefined
      : await node.createRedisState({
          url: redisUrl,
          // Generous: the benchmark measures Redis, not the fallback of a machine under load.
          commandTimeoutMs: 1_000,
          log: (entry) => console.error(JSON.stringify(entry)),
        });
  const handler = proxy.createChatletProxy({
    ...(state === undefined ? {} : { state }),
    // 'node': node:http with a keep-alive agent (what chatlet-proxy runs); 'fetch': the runtime's.
    ...(transportName === 'node' ? { transport: node.createNodeTransport() } : {}),
    provider: { kind: 'quickchat', apiKey: 'bench-api-key', scenarioId: 'bench', url: upstreamUrl },
    secret: 'bench-secret-bench-secret-bench-secret-0123456789',
    ipRequestsPerMinute: stateful ? 1_000_000_000 : 0,
    conversationRequestsPerMinute: stateful ? 1_000_000_000 : 0,
    // 'quiet': no log lines; 'default': the default JSON-lines logger (stdout goes to /dev/null).
    ...(logMode === 'quiet' ? { log: () => {} } : {}),
  });
  const listening = await node.listen(node.toNodeListener(handler), { port: 0, host: '127.0.0.1' });
  process.send?.({ url: `${listening.url}/chat` });
} else {
  console.error(`Unknown role ${role}`);
  process.exit(2);
}
