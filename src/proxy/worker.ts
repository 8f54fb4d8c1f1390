/**
 * The Cloudflare Workers entry (`main` in wrangler.toml): the same Fetch-API handler as on Node,
 * configured from the Worker's variables and secrets with the same names as the Node environment,
 * with its state in the `ChatletState` Durable Object when `CHATLET_STATE` is bound.
 */
import type { ProxyContext } from './client-ip.ts';
import { isProxyConfigError } from './config-error.ts';
import { proxyOptionsFromEnv, type Env } from './env.ts';
import { createChatletProxy, type ChatletProxyHandler } from './handler.ts';
import { failureResponse } from './answer.ts';
import type { ProxyState } from './state/types.ts';
import { isDurableObjectNamespace, isRateLimitBinding } from './workers/bindings.ts';
import { createDurableObjectState } from './workers/durable-object-state.ts';

export { ChatletState } from './workers/chatlet-state.ts';

/**
 * A Worker's bindings: `[vars]` and secrets are strings; `CHATLET_STATE` (Durable Object namespace)
 * and `CHATLET_IP_RATE_LIMIT` (Rate Limiting) are used when bound; other bindings are ignored.
 */
export type WorkerEnv = Record<string, unknown>;

/** The part of the Worker's `ExecutionContext` the proxy uses. */
export interface WaitUntilContext {
  waitUntil(work: Promise<unknown>): void;
}

/** The handler built for one set of settings, or why it could not be built. */
type Built = { handler: ChatletProxyHandler } | { error: unknown };

/**
 * Rate limits, the idempotency store and Famulor's upstream budget live in the handler's memory,
 * so it is built once per isolate and settings, not per request. Workers usually pass the same
 * `env` object each time; the fingerprint also covers a runtime that passes an equal copy.
 */
const byEnv = new WeakMap<object, Built>();
let last: { fingerprint: string; built: Built } | undefined;

function build(env: WorkerEnv): Built {
  const cached = byEnv.get(env);
  if (cached !== undefined) return cached;
  const settings = stringSettings(env);
  // A runtime lists the same bindings in the same order, so no sorting is needed to compare.
  const fingerprint = JSON.stringify(settings);
  if (last?.fingerprint !== fingerprint) {
    last = { fingerprint, built: create(settings, stateOf(env)) };
    if ('error' in last.built) report(last.built.error);
  }
  byEnv.set(env, last.built);
  return last.built;
}

/**
 * The shared state in Durable Objects, or `undefined` (memory of this isolate) with one log line:
 * every isolate then counts its own limits and budget and keeps its own idempotency answers.
 */
function stateOf(env: WorkerEnv): ProxyState | undefined {
  const namespace = env['CHATLET_STATE'];
  if (isDurableObjectNamespace(namespace)) {
    const ipRateLimit = env['CHATLET_IP_RATE_LIMIT'];
    return createDurableObjectState(
      namespace,
      isRateLimitBinding(ipRateLimit) ? { ipRateLimit } : {},
    );
  }
  console.warn(
    JSON.stringify({
      level: 'warn',
      event: 'state',
      provider: 'worker',
      detail:
        'CHATLET_STATE is not bound, so this Worker runs per isolate: each isolate keeps its own idempotency answers, rate limits and Famulor budget. Bind the ChatletState Durable Object as in wrangler.toml to share them.',
    }),
  );
  return undefined;
}

function create(settings: Env, state: ProxyState | undefined): Built {
  try {
    const options = proxyOptionsFromEnv(settings);
    return { handler: createChatletProxy(state === undefined ? options : { ...options, state }) };
  } catch (error) {
    return { error };
  }
}

function stringSettings(env: WorkerEnv): Env {
  const settings: Env = {};
  for (const [name, value] of Object.entries(env)) {
    if (typeof value === 'string') settings[name] = value;
  }
  return settings;
}

/** The cause goes to the Worker's log (`wrangler tail`) once per settings; the browser sees none. */
function report(error: unknown): void {
  const detail = isProxyConfigError(error)
    ? error.message
    : `${error instanceof Error ? error.name : 'Error'}: ${error instanceof Error ? error.message : String(error)}`;
  console.error(JSON.stringify({ level: 'error', event: 'config', provider: 'worker', detail }));
}

/** The Worker: `POST /chat`, `OPTIONS /chat` and `GET /healthz`, as on Node. */
export default {
  /**
   * Answers one request; the client IP is the one Cloudflare saw (`CF-Connecting-IP`). An upstream
   * attempt that outlives its 504 is handed to `ctx.waitUntil`, or the runtime would cancel it
   * once the response is sent and a retry would find no answer.
   */
  async fetch(request: Request, env: WorkerEnv, ctx?: WaitUntilContext): Promise<Response> {
    const built = build(env);
    if ('error' in built) return failureResponse(built.error);
    const clientIp = request.headers.get('cf-connecting-ip');
    const context: ProxyContext = clientIp === null ? {} : { clientIp };
    if (ctx !== undefined) context.waitUntil = (work) => ctx.waitUntil(work);
    return built.handler(request, context);
  },
};
