// `npm run bench` (after a build) runs every benchmark in turn; `node test/bench/run.mjs
// size|consumer|page|proxy|history|capacity [--runs N] [--duration S]` runs some. Each prints markdown tables whose
// figures are ratios within the same run, ready to paste into BENCHMARKS.md. Nothing here asserts.
import { describeMachine } from './lib/machine.mjs';

const BENCHMARKS = {
  size: () => import('./size.mjs'),
  consumer: () => import('./consumer.mjs'),
  page: () => import('./page.mjs'),
  proxy: () => import('./proxy.mjs'),
  history: () => import('./history.mjs'),
  capacity: () => import('./famulor-capacity.mjs'),
};

const argv = process.argv.slice(2);
const chosen = argv.filter((arg) => !arg.startsWith('-') && Object.hasOwn(BENCHMARKS, arg));
const unknown = argv.filter(
  (arg, index) =>
    !arg.startsWith('-') && !Object.hasOwn(BENCHMARKS, arg) && !argv[index - 1]?.startsWith('--'),
);
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}.`,
  );
  process.exit(2);
}

console.log(`# Chatlet benchmarks — ${new Date().toISOString()}\n`);
console.log(`Machine: ${describeMachine()}\n`);
let failed = false;
for (const name of chosen.length > 0 ? chosen : Object.keys(BENCHMARKS)) {
  try {
    const { run } = await BENCHMARKS[name]();
    await run(argv);
  } catch (error) {
    // One broken benchmark (e.g. a part of Chatlet not built yet) should not hide the others.
    failed = true;
    console.error(`\n✗ ${name} benchmark failed:`, error);
  }
}
process.exit(failed ? 1 : 0);
