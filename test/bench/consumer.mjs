// Benchmark: what the npm package adds to a site's own bundle. Tiny apps are built with Vite
// (test/bench/lib/consumer-bundle.mjs), without and with each way of importing Chatlet, and their
// output is split into the chunks the page loads at once and those it loads later.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from './lib/chatlet.mjs';
import { REACT_VARIANTS, VARIANTS, bundleConsumers } from './lib/consumer-bundle.mjs';
import { kb, printTable } from './lib/table.mjs';

/** Runs the consumer-bundle benchmark and prints its table. */
export async function run() {
  console.log(
    "## Size: what the npm package adds to a site's bundle (Vite build, 1 KB = 1,000 bytes)\n",
  );
  if (!existsSync(join(DIST, 'npm', 'index.js'))) {
    console.log(`not built: ${join(DIST, 'npm', 'index.js')} is missing (run \`npm run build\`)\n`);
    return;
  }
  const rows = [];
  for (const variants of [VARIANTS, REACT_VARIANTS]) {
    const built = await bundleConsumers(variants);
    const [baseline] = Object.values(built);
    for (const [name, { initial, lazy, hasPreact }] of Object.entries(built)) {
      // On first use the panel's chunk and one language chunk (English) arrive.
      const firstUse = lazy
        .filter((chunk) => /panel-npm|\/en-/.test(chunk.fileName))
        .reduce((total, chunk) => total + chunk.brotli, 0);
      rows.push([
        name,
        kb(initial.raw),
        kb(initial.gzip),
        kb(initial.brotli),
        initial === baseline.initial ? '—' : kb(initial.brotli - baseline.initial.brotli),
        hasPreact ? 'yes' : 'no',
        firstUse > 0 ? kb(firstUse) : '—',
      ]);
    }
  }
  printTable(
    [
      'app',
      'first bundle raw',
      'gzip -9',
      'brotli q11',
      'added (brotli)',
      'Preact in it',
      'on first use (brotli)',
    ],
    rows,
  );
  console.log(
    '"On first use" is the panel chunk and the English strings chunk, fetched when the visitor points at, focuses or clicks the launcher, or the page calls the API. Each chunk is compressed on its own, as served.\n',
  );
}
