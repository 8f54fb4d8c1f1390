// What the figures were measured on, printed above every run so a pasted table carries its context.
import { availableParallelism, cpus, totalmem, release, platform } from 'node:os';

/** @returns {string} one line: cores, CPU model, memory, OS, Node. */
export function describeMachine() {
  const model = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  const memory = `${(totalmem() / 2 ** 30).toFixed(1)} GiB`;
  return `${availableParallelism()} cores (${model}), ${memory} RAM, ${platform()} ${release()}, Node ${process.version}`;
}
