// The proxy as a route handler, exactly as the README's Next.js section writes it. Created on the
// first request, not on import: `next build` imports every route to collect its config, and a CI
// build has no provider credentials (test/consumers/run.mjs sets them only for `next start`).
import { createChatletProxy, proxyOptionsFromEnv } from 'chatlet/proxy';

let proxy;
const handle = (request) =>
  (proxy ??= createChatletProxy(proxyOptionsFromEnv(process.env)))(request);
export { handle as GET, handle as POST, handle as OPTIONS, handle as HEAD };
