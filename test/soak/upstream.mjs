// The soak's upstream: a loopback stand-in of Quickchat's legacy `/chat` in its own process, so its
// work is neither counted in the proxy's memory nor competing with the proxy's event loop. It answers
// `{ord_number, conv_id, reply}` after a few milliseconds and counts the calls (the bot's turns).
// Started by run.mjs with an IPC channel; it exits when the parent goes away or after
// CHATLET_SOAK_MAX_S seconds, whichever comes first.
import { createServer } from 'node:http';

const API_KEY = process.env.CHATLET_SOAK_API_KEY ?? '';
const DELAY_MS = Number(process.env.CHATLET_SOAK_UPSTREAM_DELAY_MS ?? '3');
const MAX_S = Number(process.env.CHATLET_SOAK_MAX_S ?? '600');

let calls = 0;
let refused = 0;
let nextConversation = 1;

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let body = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      // Refused below, like a call without credentials.
    }
    if (body?.api_key !== API_KEY || typeof body.text !== 'string') {
      refused += 1;
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"detail":"Unauthorized"}');
      return;
    }
    calls += 1;
    const convId = typeof body.conv_id === 'string' ? body.conv_id : `soak-${nextConversation++}`;
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          ord_number: calls * 2,
          conv_id: convId,
          reply: `Thanks for asking: ${body.text.slice(0, 40)}. Here is <b>the</b> answer.`,
        }),
      );
    }, DELAY_MS);
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}/chat` });
});

process.on('message', (message) => {
  if (message?.type === 'count') process.send?.({ type: 'count', calls, refused });
});
// Bounded: never outlive the run that started it.
process.on('disconnect', () => process.exit(0));
setTimeout(() => process.exit(2), MAX_S * 1000).unref();
