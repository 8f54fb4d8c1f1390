// Size budgets of what ships (issue 5), checked in `npm test` after the build. Every byte of the
// script-tag path is paid by every visitor of every site that embeds Chatlet, so a budget that is
// exceeded fails the run. Figures are brotli (quality 11), as the peers are measured in
// shared/notes/performance.md.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
// Vite's own minifier (Rolldown/Oxc), so the npm entry is measured as a site's bundler ships it.
import { minifySync } from 'rolldown/experimental';

const dist = new URL('../dist/', import.meta.url).pathname;

/** Budgets in bytes (brotli). */
export const BUDGETS = {
  /** The classic script a site owner's page loads: launcher without the framework. */
  loader: 3 * 1024,
  /** Everything the script-tag path can load: loader + panel chunk (JS + CSS). */
  scriptTagTotal: 15 * 1024,
  /** The npm ESM entry and the chunks it imports, Preact and signals external. */
  npmEntry: 14 * 1024,
};

const brotli = (buffer) =>
  brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const sizes = (files, { minify = false } = {}) => {
  const read = (file) =>
    minify ? Buffer.from(minifySync(file, readFileSync(file, 'utf8')).code) : readFileSync(file);
  const buffer = Buffer.concat(files.map(read));
  return { raw: buffer.length, gzip: gzipSync(buffer, { level: 9 }).length, brotli: brotli(buffer) };
};

/** The files an ES module imports statically, followed through relative imports. */
function staticClosure(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]*from\s*)?["'](\.[^"']+)["']/g)) {
      visit(join(dirname(file), match[1]));
    }
  };
  visit(entry);
  return [...seen];
}

const topLevel = readdirSync(dist)
  .filter((name) => /\.(js|css)$/.test(name))
  .map((name) => join(dist, name));
const rows = [
  ['loader (dist/chatlet.js)', [join(dist, 'chatlet.js')], BUDGETS.loader, false],
  ['script-tag path, all (dist/*.js, *.css)', topLevel, BUDGETS.scriptTagTotal, false],
  ['npm entry, minified (dist/npm/index.js + chunks)', staticClosure(join(dist, 'npm/index.js')), BUDGETS.npmEntry, true],
];

let failures = 0;
console.log(`${'budget'.padEnd(48)}     raw     gzip   brotli   limit`);
for (const [label, files, limit, minify] of rows) {
  if (!files.every((file) => existsSync(file))) {
    console.log(`${label}: missing build output — run npm run build`);
    failures += 1;
    continue;
  }
  const size = sizes(files, { minify });
  const ok = size.brotli <= limit;
  if (!ok) failures += 1;
  console.log(
    `${label.padEnd(48)} ${String(size.raw).padStart(7)} ${String(size.gzip).padStart(8)} ${String(size.brotli).padStart(8)} ${String(limit).padStart(7)} ${ok ? 'ok' : 'OVER BUDGET'}`,
  );
}
process.exit(failures === 0 ? 0 : 1);
