/**
 * The default logger's request lines on Node, written once per event-loop turn instead of once per
 * request. On Linux `console.log` to a file or a pipe is a synchronous `write(2)` behind the
 * console's own formatting and stream bookkeeping; under load one turn answers several requests, and
 * their lines go out as one `console.log` of the lines joined with "\n": the same bytes in the same
 * order (a single string argument is written as it is, `%` included), through the same console, so
 * a console an operator patched still sees every line. Errors are not batched: they are written at
 * once by the caller.
 *
 * The lines of a turn are written when it ends (`setImmediate`) or when the process exits normally
 * (`exit` runs on `process.exit()` and after an uncaught exception). A process killed by a signal
 * it does not handle loses the lines of its last turn, as it loses that turn's unsent answers.
 */

let pending: string | undefined;
let hooked = false;

/** Queues `line` for the end of this event-loop turn. */
export function batchedOut(line: string): void {
  if (pending !== undefined) {
    pending += `\n${line}`;
    return;
  }
  pending = line;
  setImmediate(flushLines);
  if (!hooked) {
    hooked = true;
    process.once('exit', flushLines);
  }
}

/** Writes the queued lines now, if any (also what the end of the turn and `exit` call). */
export function flushLines(): void {
  const text = pending;
  pending = undefined;
  if (text !== undefined) console.log(text);
}
