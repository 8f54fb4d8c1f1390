import type { Agent } from 'node:http';
import type { Socket } from 'node:net';

/** When a pooled socket was last freed and may stay idle until, on `performance.now()`'s clock. */
const IDLE_UNTIL = Symbol('chatlet.idleUntil');
type Pooled = Socket & { [IDLE_UNTIL]?: number };

/** What Node's agent takes off a server's `Keep-Alive: timeout=` hint, so a reuse does not race the close. */
const HINT_MARGIN_MS = 1_000;
/** Node's (undocumented) field of a socket for the request it serves. */
const HTTP_MESSAGE = '_httpMessage';
interface AnsweredRequest {
  res?: { headers: Record<string, string | string[] | undefined> };
}
/**
 * How often the pool is swept: 1/16 of the idle time, and at least every 250 ms, well inside the
 * hint's margin, so a socket kept by a server's hint is closed before the server closes it.
 */
const SWEEPS_PER_IDLE = 16;
const LONGEST_SWEEP_MS = 250;

/**
 * Makes `agent` (a keep-alive agent without a `timeout` option) close a pooled connection once it
 * has been idle for `idleMs`, or for the upstream's `Keep-Alive: timeout=` less 1 s when that is
 * shorter, as Node's agent does with `timeout`. Node's way costs per call: a socket timer cleared
 * when the answer ends and a new one made when the socket is freed, a `timeout` listener per request
 * and a refresh per read and write (~3 µs a call under load). Here a freed socket only notes its
 * deadline, and one unreferenced interval closes what has passed it.
 */
export function closeIdleSockets(agent: Agent, idleMs: number): void {
  // Documented to return whether the socket stays pooled (@types/node says void).
  const keepSocketAlive = agent.keepSocketAlive.bind(agent) as unknown as (s: Socket) => boolean;
  let sweeper: ReturnType<typeof setInterval> | undefined;
  agent.keepSocketAlive = (socket: Pooled) => {
    // Node's own step: keep-alive on, the socket unreferenced, `false` for a hint too short to reuse.
    if (!keepSocketAlive(socket)) return false;
    socket[IDLE_UNTIL] = performance.now() + idleLimitMs(socket, idleMs);
    sweeper ??= startSweeper(agent, idleMs);
    return true;
  };
}

/** The idle time allowed: `idleMs`, or less when the answer's `Keep-Alive: timeout=` says so. */
function idleLimitMs(socket: Socket, idleMs: number): number {
  // Node's agent reads the hint where this does: the answer of the request the socket just served.
  const message = (socket as unknown as Record<string, AnsweredRequest | undefined>)[HTTP_MESSAGE];
  const hint = message?.res?.headers['keep-alive'];
  if (typeof hint !== 'string') return idleMs;
  const seconds = /^timeout=(\d+)/.exec(hint)?.[1];
  if (seconds === undefined) return idleMs;
  return Math.min(idleMs, Number.parseInt(seconds, 10) * 1000 - HINT_MARGIN_MS);
}

function startSweeper(agent: Agent, idleMs: number): ReturnType<typeof setInterval> {
  const timer = setInterval(
    () => {
      const now = performance.now();
      for (const name in agent.freeSockets) {
        for (const socket of (agent.freeSockets[name] ?? []) as Pooled[]) {
          // Destroying it removes it from the pool (the agent listens for its close).
          if ((socket[IDLE_UNTIL] ?? 0) <= now) socket.destroy();
        }
      }
    },
    Math.min(LONGEST_SWEEP_MS, Math.max(10, Math.ceil(idleMs / SWEEPS_PER_IDLE))),
  );
  timer.unref();
  return timer;
}
