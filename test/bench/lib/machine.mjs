// What the figures were measured on, printed above every run so a pasted table carries its context.
import { availableParallelism, cpus, loadavg, totalmem, release, platform } from 'node:os';

/** @returns {string} one line: cores, CPU model, memory, OS, Node, and the load when it started. */
export function describeMachine() {
  const model = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  const memory = `${(totalmem() / 2 ** 30).toFixed(1)} GiB`;
  return `${availableParallelism()} cores (${model}), ${memory} RAM, ${platform()} ${release()}, Node ${process.version}; load average ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')} at the start`;
}
