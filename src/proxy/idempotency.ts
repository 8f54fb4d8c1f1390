import type { ChatReply } from '../core/protocol.ts';
import { HttpError, rateLimited } from './http-error.ts';
import { UpstreamError } from './provider.ts';
import { CLAIMED, claimWithLimits, HELD } from './state/claim.ts';
import type { KeyValueStore, LimitTake } from './state/types.ts';

/**
 * Answers a repeated `client_message_id` with the first attempt's answer, so a widget retrying after
 * a lost response never doubles the bot's turn, on one instance or many (the retry rules of
 * https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/ and Stripe's
 * https://docs.stripe.com/api/idempotent_requests).
 */
export interface Idempotency {
  /**
   * Runs `send` once per `key` while its answer is kept. A later or concurrent call with the same
   * key and `fingerprint` gets that answer (waiting for it when it is still being made, also on
   * another instance); the same key with another fingerprint is refused with 422. When the attempt
   * it waited for ends without an answer, it sends itself, unless its own deadline has passed.
   * `keepAlive` is given each attempt this call starts, which may outlive the call (Workers:
   * `ctx.waitUntil`, so the isolate is not stopped before the answer is stored). `limits` are taken
   * by whoever claims the key, in the claim's own step (a replay takes nothing); a refusal is the
   * 429 `rate_limited`, and `send` is not called.
   */
  run(
    key: string,
    fingerprint: string,
    send: () => Promise<ChatReply>,
    keepAlive?: (attempt: Promise<unknown>) => void,
    limits?: readonly LimitTake[],
  ): Promise<IdempotentOutcome>;
}

/** What {@link Idempotency.run} answers. */
export interface IdempotentOutcome {
  reply: ChatReply;
  /** `JSON.stringify(reply)`, made once: the stored answer embeds it, and the response can reuse it. */
  text: string;
  /** The answer is an earlier attempt's. */
  replayed: boolean;
}

/** What {@link createIdempotency} needs. */
export interface IdempotencyOptions {
  /** How long an answer is kept, in ms. */
  ttlMs: number;
  /** How long one request waits for an answer, its own or an earlier attempt's (its deadline). */
  waitMs: number;
  /**
   * How long an attempt may keep running upstream, past the deadline of the request that started
   * it, so that a retry gets its answer instead of a second upstream call.
   */
  attemptMs: number;
}

/** How often a request looks for an answer that another instance is making. */
const POLL_MS = 100;
/** Claims outlive their attempt by this much, so a slow store write cannot free them early. */
const CLAIM_MARGIN_MS = 5_000;

type Entry =
  | { state: 'pending'; fingerprint: string; owner: string }
  | { state: 'done'; fingerprint: string; reply: ChatReply };
type Outcome = IdempotentOutcome;
/** An outcome this process made, with the write of its answer to the store still under way. */
type Made = Outcome & { stored?: Promise<void> };

/** Creates the de-duplicator over `store` (atomic `add`, or `claim`, and `deleteIfValue`). */
export function createIdempotency(store: KeyValueStore, options: IdempotencyOptions): Idempotency {
  const { ttlMs, waitMs, attemptMs } = options;
  const claimMs = attemptMs + CLAIM_MARGIN_MS;
  // A claim's owner tells this attempt's claim from any other, also another instance's: a random
  // id per de-duplicator and a count, rather than a random UUID per attempt (~0.5 µs and 600 B of
  // garbage each on Node 20).
  const owners = crypto.randomUUID();
  let attempts = 0;
  // This process's attempts, so a duplicate arriving here joins the promise instead of polling.
  const inFlight = new Map<string, { fingerprint: string; outcome: Promise<Outcome> }>();

  /**
   * Claims the call's key and sends, or waits for whoever holds the claim; bounded by the claim's
   * life and by the call: once `expired`, nothing new is sent for it.
   */
  const settle = async (call: Call): Promise<Made> => {
    const { key, fingerprint, limits } = call;
    // The JSON of { state: 'pending', fingerprint, owner }, written without building the object.
    attempts += 1;
    const claimText = `{"state":"pending","fingerprint":${JSON.stringify(fingerprint)},"owner":"${owners}:${attempts}"}`;
    // Bounded by the claim's life: by then its holder has answered, failed, or its claim expired.
    for (let polls = 0; polls <= claimMs / POLL_MS && !call.expired; polls += 1) {
      const claim =
        limits.length === 0
          ? (await store.add(key, claimText, claimMs))
            ? CLAIMED
            : HELD
          : await claimWithLimits(store, key, claimText, claimMs, limits);
      if (claim.status === 'limited') throw rateLimited(claim.retryAfterS);
      if (claim.status === 'claimed') {
        let reply: ChatReply;
        try {
          reply = await call.send();
        } catch (error) {
          // Nothing was answered: free the id for a retry, unless the claim is no longer ours.
          await store.deleteIfValue(key, claimText);
          throw error;
        }
        // The JSON of { state: 'done', fingerprint, reply }, the reply serialised once for both.
        const text = JSON.stringify(reply);
        const done = `{"state":"done","fingerprint":${JSON.stringify(fingerprint)},"reply":${text}}`;
        // The visitor does not wait for this write (a shared store's round trip). A retry that
        // comes meanwhile still finds the claim: here it joins this attempt in memory until the
        // write ends; on another instance it reads "pending" and polls until the answer is there,
        // so it never makes a second upstream call.
        return { reply, text, replayed: false, stored: store.set(key, done, ttlMs) };
      }
      const text = await store.get(key);
      if (text === undefined) continue; // released or expired meanwhile: try to claim it again
      const entry = parse(text);
      if (entry !== undefined && entry.fingerprint !== fingerprint) throw mismatch();
      if (entry?.state === 'done') {
        return { reply: entry.reply, text: JSON.stringify(entry.reply), replayed: true };
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new UpstreamError('timeout', 'An earlier attempt with this id never finished.');
  };

  /**
   * Joins this process's attempt for the call's key, or starts one. A joined attempt that ends
   * without an answer has freed the id, so the waiting call sends it itself (several waiting ones
   * join the first of them): the same rule as for a claim released on another instance. Not
   * `async`: a message nearly always starts the attempt, whose own promise is handed on as it is.
   */
  const join = (call: Call): Promise<Outcome> => {
    const { key } = call;
    const running = inFlight.get(key);
    if (running !== undefined) return rejoin(running, call);
    // Registered before the first await, so a duplicate arriving meanwhile joins this one; kept
    // until the answer is stored, and handed to keepAlive until then too.
    const started = settle(call);
    const entry = { fingerprint: call.fingerprint, outcome: started };
    inFlight.set(key, entry);
    const forget = () => {
      if (inFlight.get(key) === entry) inFlight.delete(key);
    };
    const ended = started.then((made) => made.stored).then(forget, forget);
    call.keepAlive?.(ended);
    // A Made, with its `stored` write: `within` hands on only the outcome's own fields.
    return started;
  };

  /** Waits for an attempt of this process for the call's key, or sends itself when it ends without one. */
  const rejoin = async (
    running: { fingerprint: string; outcome: Promise<Outcome> },
    call: Call,
  ): Promise<Outcome> => {
    if (running.fingerprint !== call.fingerprint) throw mismatch();
    try {
      const { reply, text } = await running.outcome;
      return { reply, text, replayed: true };
    } catch (error) {
      if (call.expired) throw error;
      return join(call);
    }
  };

  return {
    run(key, fingerprint, send, keepAlive, limits = NO_LIMITS) {
      const call = new Call(key, fingerprint, send, keepAlive, limits);
      return within(join(call), waitMs, call);
    },
  };
}

/** No limits to take with a claim. */
const NO_LIMITS: readonly LimitTake[] = [];

/**
 * One call of {@link Idempotency.run}: what it sends under which key, and `expired` once its
 * deadline has passed, after which nothing new is sent for it. One object a message, handed from
 * step to step instead of the six values each step would otherwise repeat.
 */
class Call {
  readonly key: string;
  readonly fingerprint: string;
  readonly send: () => Promise<ChatReply>;
  readonly keepAlive: ((attempt: Promise<unknown>) => void) | undefined;
  readonly limits: readonly LimitTake[];
  expired = false;

  constructor(
    key: string,
    fingerprint: string,
    send: () => Promise<ChatReply>,
    keepAlive: ((attempt: Promise<unknown>) => void) | undefined,
    limits: readonly LimitTake[],
  ) {
    this.key = key;
    this.fingerprint = fingerprint;
    this.send = send;
    this.keepAlive = keepAlive;
    this.limits = limits;
  }
}

/**
 * `outcome`, or a timeout after `ms` (then `call` is expired); the attempt itself runs on, and its
 * answer is stored.
 */
function within(outcome: Promise<Outcome>, ms: number, call: Call): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      call.expired = true;
      reject(new UpstreamError('timeout', `No upstream answer within ${ms} ms.`));
    }, ms);
    // Settling again after the timeout does nothing: a join that fails late has nobody to tell.
    outcome.then(
      ({ reply, text, replayed }) => {
        clearTimeout(timer);
        resolve({ reply, text, replayed });
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function parse(text: string | undefined): Entry | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Entry;
  } catch {
    return undefined;
  }
}

function mismatch(): HttpError {
  return new HttpError(
    422,
    'idempotency_mismatch',
    'This client_message_id was already used for another message: send a new message with a new id.',
    { field: 'client_message_id' },
  );
}
