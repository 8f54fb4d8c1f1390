// An Express 5 app that mounts the Chatlet proxy the way a site owner would — with a body parser in
// front (`express.json()` for the app's own routes) — and serves the React, Vue and `<chatlet-widget>`
// builds and a script-tag page. The upstream is a loopback stand-in of Quickchat's legacy API. Prints its URL.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { createChatletProxy } from 'chatlet/proxy';
import { toNodeListener } from 'chatlet/proxy/node';

const [reactDist, vueDist, elementDist] = process.argv.slice(2);
const chatletDist = fileURLToPath(new URL('./node_modules/chatlet/dist/', import.meta.url));

const upstreamCalls = [];
// The knowledge-base topic of each call, beside its text: the element's live `kb-topic` must reach it.
const upstreamTopics = [];
const upstream = createServer((req, res) => {
  let raw = '';
  req.on('data', (chunk) => (raw += chunk));
  req.on('end', () => {
    const body = JSON.parse(raw);
    upstreamCalls.push(body.text);
    upstreamTopics.push([body.text, body.client_metadata?.kb_topic ?? null]);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        ord_number: upstreamCalls.length * 2,
        conv_id: 'c-1',
        reply: `Echo: ${body.text}`,
      }),
    );
  });
});
await new Promise((resolve) => upstream.listen(0, '127.0.0.1', resolve));

const app = express();
app.use(express.json());
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const proxy = createChatletProxy({
  provider: {
    kind: 'quickchat',
    apiKey: 'consumer-test-key',
    scenarioId: 'consumer-scenario',
    url: `http://127.0.0.1:${upstream.address().port}/chat`,
  },
  secret: 'consumer-test-secret-0123456789abcdef0123456789',
  allowedOrigins: [origin],
  log: () => {},
});
app.use('/support', toNodeListener(proxy));
app.get('/upstream-calls', (_req, res) => res.json(upstreamCalls));
app.get('/upstream-topics', (_req, res) => res.json(upstreamTopics));
app.use('/react', express.static(reactDist));
app.use('/vue', express.static(vueDist));
app.use('/element', express.static(elementDist));
app.use('/cdn', express.static(chatletDist));
app.get('/', (_req, res) =>
  res.type('html')
    .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Script tag</title></head>
<body><main><h1>Script tag consumer</h1></main>
<script src="/cdn/chatlet.js" async data-endpoint="/support/chat"></script></body></html>`),
);
// The app's own fallback: paths under /support that the proxy does not serve must reach it.
app.use((_req, res) => res.status(404).type('text').send('app fallback'));

console.log(origin);
