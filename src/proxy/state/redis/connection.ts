/**
 * The one place that talks to the `redis` package (node-redis), an optional peer dependency loaded
 * only when a Redis URL is configured, so the proxy stays dependency-free for everyone else.
 */

/** A connection that runs one Redis command at a time, failing fast instead of queueing. */
export interface RedisLink {
  /** Sends one command; rejects on error, while disconnected, or after the command timeout. */
  send(args: readonly string[]): Promise<unknown>;
  /** Runs a Lua script (by SHA1, loading it on first use) with `keys` and `args`. */
  script(lua: string, keys: readonly string[], args: readonly string[]): Promise<unknown>;
  /** Loads scripts ahead of their first use, so no visitor's request pays for it. */
  preload(scripts: readonly string[]): Promise<void>;
  /** Closes the connection and stops reconnecting. */
  close(): Promise<void>;
}

/** A command got no answer in time: Redis may be frozen, or just this busy process slow. */
export class RedisTimeoutError extends Error {
  constructor(ms: number) {
    super(`Redis did not answer within ${ms} ms.`);
    this.name = 'RedisTimeoutError';
  }
}

/** Options of {@link openRedisLink}. */
export interface RedisLinkOptions {
  /** Longest wait for one command's answer before it counts as failed, in ms. */
  commandTimeoutMs: number;
  /** Told about connection errors (the client emits many per outage; the caller dedupes). */
  onError: (error: unknown) => void;
}

/**
 * Connects to `url` in the background: the promise resolves at once, so a Redis that is down at
 * start-up delays nothing; commands fail until it is reachable and the client keeps reconnecting.
 */
export async function openRedisLink(url: string, options: RedisLinkOptions): Promise<RedisLink> {
  let createClient: typeof import('redis').createClient;
  try {
    ({ createClient } = await import('redis'));
  } catch (cause) {
    throw new Error(
      'CHATLET_REDIS_URL is set but the `redis` package is not installed: run `npm install redis`.',
      { cause },
    );
  }
  const client = createClient({
    url,
    // Without it node-redis queues commands while disconnected, and a dead Redis hangs every
    // request for seconds; with it they fail in about a millisecond.
    disableOfflineQueue: true,
    // node-redis ≥ 6 gives every command a 5 s timeout of its own through AbortSignal.timeout,
    // ~25 µs of CPU per command (about 5/6 of the client's cost here); our own watch below is the
    // command timeout, so theirs is off.
    commandOptions: { timeout: 0 },
    socket: {
      connectTimeout: 1_000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
    },
  });
  client.on('error', options.onError);
  client.connect().catch(options.onError);
  const shas = new Map<string, string>();

  // node-redis's own per-command `timeout` did not fire for a server that stopped answering
  // (SIGSTOP) in our test, and costs an AbortSignal per command; a watch over the commands in
  // flight does it instead. One connection answers in order, so the oldest command is the first to
  // time out: one timer for all of them, not one per command. A refusal waits one turn of the
  // event loop (setImmediate runs after sockets are read), so a busy process whose timer fired
  // late still takes an answer that did arrive in time; a late answer is simply dropped.
  const ms = options.commandTimeoutMs;
  const waiting = new Set<{ deadline: number; reject: (error: Error) => void }>();
  let watch: ReturnType<typeof setTimeout> | undefined;
  const check = (): void => {
    watch = undefined;
    const now = performance.now();
    for (const command of waiting) {
      if (command.deadline > now) {
        watch = setTimeout(check, command.deadline - now);
        return;
      }
      waiting.delete(command);
      setImmediate(() => command.reject(new RedisTimeoutError(ms)));
    }
  };
  const send = (args: readonly string[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const command = { deadline: performance.now() + ms, reject };
      waiting.add(command);
      watch ??= setTimeout(check, ms);
      // node-redis reads the arguments and does not keep them.
      client.sendCommand(args as string[]).then(
        (value) => {
          waiting.delete(command);
          resolve(value);
        },
        (error: unknown) => {
          waiting.delete(command);
          reject(error);
        },
      );
    });

  const load = async (lua: string): Promise<string> => {
    const sha = String(await send(['SCRIPT', 'LOAD', lua]));
    shas.set(lua, sha);
    return sha;
  };

  return {
    send,
    async script(lua, keys, args) {
      const tail = [String(keys.length), ...keys, ...args];
      const known = shas.get(lua);
      if (known !== undefined) {
        try {
          return await send(['EVALSHA', known, ...tail]);
        } catch (error) {
          // A restarted Redis has forgotten its scripts; anything else is a real failure.
          if (!String(error).includes('NOSCRIPT')) throw error;
        }
      }
      return send(['EVALSHA', await load(lua), ...tail]);
    },
    async preload(scripts) {
      await Promise.all(scripts.map(load));
    },
    async close() {
      clearTimeout(watch);
      client.destroy();
    },
  };
}
