import { createCallDeadline, type CallDeadline } from './call-deadline.ts';
import { UpstreamError, type Provider, type UpstreamReply, type UpstreamTurn } from './provider.ts';
import { retryDelayMs, type RetryCounts, type RetryPolicy } from './retry-policy.ts';

/** What {@link callUpstream} needs besides the turn. */
export interface UpstreamCallDeps {
  provider: Provider;
  policy: RetryPolicy;
  /** The deadline of the whole call, retries and waits included. */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Told about each retry, for the log. */
  onRetry?: (error: UpstreamError, delayMs: number) => void;
}

/**
 * Sends one turn with the retry policy and one overall deadline. The deadline also wins over a
 * provider that ignores its signal, so a hung upstream always ends as a `timeout`.
 */
export function callUpstream(
  turn: Omit<UpstreamTurn, 'signal' | 'deadline'>,
  deps: UpstreamCallDeps,
): Promise<UpstreamReply> {
  const deadline = createCallDeadline();
  const sent = new DeadlineTurn(turn, deadline);
  return new Promise<UpstreamReply>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Rejected before the abort, so the call ends with this sentence whatever it then throws.
      reject(new UpstreamError('timeout', `No upstream answer within ${deps.timeoutMs} ms.`));
      deadline.abort();
    }, deps.timeoutMs);
    const answered = (reply: UpstreamReply): void => {
      clearTimeout(timer);
      resolve(reply);
    };
    const failed = (error: unknown): void => {
      clearTimeout(timer);
      reject(error);
    };
    // The first attempt on its own: the retry loop (an async function, a promise and a frame of
    // its own) is entered only after a failure, which nearly no message has.
    deps.provider
      .send(sent)
      .then(answered, (error: unknown) =>
        retried(error, sent, deps, deadline).then(answered, failed),
      );
  });
}

/**
 * The turn as the providers get it: its signal made only if one reads it (call-deadline.ts). A
 * class, because a literal with a getter costs ~1 µs to build on V8 and its prototype's getter nothing.
 */
class DeadlineTurn implements UpstreamTurn {
  readonly text: string;
  readonly conversationKey: string | undefined;
  readonly messageContext: string | undefined;
  readonly metadata: UpstreamTurn['metadata'];
  readonly deadline: CallDeadline;

  constructor(turn: Omit<UpstreamTurn, 'signal' | 'deadline'>, deadline: CallDeadline) {
    this.text = turn.text;
    this.conversationKey = turn.conversationKey;
    this.messageContext = turn.messageContext;
    this.metadata = turn.metadata;
    this.deadline = deadline;
  }

  get signal(): AbortSignal {
    return this.deadline.signal;
  }
}

/** The attempts after the first one failed with `failure`, as the retry policy allows. */
async function retried(
  failure: unknown,
  turn: UpstreamTurn,
  deps: UpstreamCallDeps,
  deadline: CallDeadline,
): Promise<UpstreamReply> {
  const counts: RetryCounts = { connect: 0, unavailable: 0, rateLimited: 0 };
  let waitedMs = 0;
  let error = failure;
  for (;;) {
    if (deadline.aborted) {
      throw new UpstreamError('timeout', 'Upstream call aborted by the deadline.');
    }
    if (!(error instanceof UpstreamError)) throw error;
    const delayMs = retryDelayMs(deps.policy, error, counts, deps.random);
    if (delayMs === undefined || waitedMs + delayMs > deps.policy.maxTotalWaitMs) throw error;
    if (error.failure === 'connect') counts.connect += 1;
    else if (error.failure === 'unavailable') counts.unavailable += 1;
    else counts.rateLimited += 1;
    deps.onRetry?.(error, delayMs);
    waitedMs += delayMs;
    await deps.sleep(delayMs);
    // The deadline may have passed while waiting: the race is lost, so do not call again.
    if (deadline.aborted) throw new UpstreamError('timeout', 'Deadline passed between attempts.');
    try {
      return await deps.provider.send(turn);
    } catch (next) {
      error = next;
    }
  }
}
