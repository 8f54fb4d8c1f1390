// A Next.js App Router route handler (`app/api/chat/[[...path]]/route.ts`) written exactly as the
// README shows it, so test/proxy/next-route.test.ts checks the documented snippet itself.
import { createChatletProxy, proxyOptionsFromEnv } from '../../src/proxy/index.ts';

/** Builds the route module for an environment (a real app reads `process.env` once). */
export function routeModule(env: Record<string, string | undefined>) {
  // Created on the first request, as the README says: `next build` imports the route module, where
  // the provider's credentials may be unset.
  let proxy: ReturnType<typeof createChatletProxy> | undefined;
  // With CHATLET_TRUST_PROXY=true the proxy takes the client IP from X-Forwarded-For, which
  // Vercel and most hosts set; `request.url` (often http://localhost:3000 behind them) is not used
  // for the origin check: CHATLET_PUBLIC_ORIGIN / CHATLET_ALLOWED_ORIGINS are.
  const handle = (request: Request) =>
    (proxy ??= createChatletProxy(proxyOptionsFromEnv(env)))(request);
  return { GET: handle, POST: handle, OPTIONS: handle, HEAD: handle };
}
