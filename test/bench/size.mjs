// Benchmark 1: what a script tag makes the visitor download, Chatlet next to the peers —
// raw, gzip (level 9) and brotli (quality 11) of the files each one's script-tag path loads.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { DIST, LOADER, NOT_BUILT, scriptTagFiles } from './lib/chatlet.mjs';
import { PEERS, ensurePeers } from './lib/peers.mjs';
import { kb, printTable } from './lib/table.mjs';

/**
 * Raw, gzip and brotli sizes of some files, summed; each file compressed on its own, as a server
 * or CDN would send it.
 * @param {string[]} paths
 */
export function measure(paths) {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const path of paths) {
    const bytes = readFileSync(path);
    total.raw += bytes.length;
    total.gzip += gzipSync(bytes, { level: 9 }).length;
    total.brotli += brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length;
  }
  return total;
}

/** `import … from "./x"` and `import "./x"`, minified or not; `import("./x")` is lazy and left out. */
const STATIC_IMPORT = /(?:\bimport|\bfrom)\s*["'](\.\.?\/[^"']+)["']/g;

/**
 * The ES module files and every file they import statically, relative specifiers only: what the
 * browser fetches before the module runs (e.g. @n8n/chat's bundle pulls in its Vue and locale
 * chunks). Stylesheets and classic scripts are returned as they are.
 * @param {string[]} paths
 */
export function withStaticImports(paths) {
  const seen = new Set();
  const visit = (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    if (!/\.m?js$/.test(path)) return;
    for (const [, specifier] of readFileSync(path, 'utf8').matchAll(STATIC_IMPORT)) {
      const target = resolve(dirname(path), specifier);
      if (existsSync(target)) visit(target);
    }
  };
  paths.forEach(visit);
  return [...seen];
}

/**
 * The declared files without their package prefix, plus how many chunks they pulled in.
 * @param {string[]} files
 * @param {number} loaded
 */
function describeFiles(files, loaded) {
  const names = files.map((file) => file.replace(/^(@[^/]+\/)?[^/]+\//, '')).join(' + ');
  const extra = loaded - files.length;
  return extra > 0 ? `${names} (+ ${extra} chunks imported statically)` : names;
}

/** Runs the size benchmark and prints its tables. */
export async function run() {
  const modules = ensurePeers();
  /** @type {Array<[string, string, ReturnType<typeof measure> | undefined, string]>} */
  const rows = [];

  if (existsSync(LOADER)) {
    const files = scriptTagFiles();
    if (files.length === 1) {
      // Not split yet: the one bundle is both what every visitor loads and all there is.
      rows.push(['Chatlet (one bundle)', 'chatlet.js', measure([LOADER]), 'no loader/panel split']);
    } else {
      rows.push(['Chatlet loader', 'chatlet.js', measure([LOADER]), 'what every visitor loads']);
      rows.push([
        'Chatlet, all the script-tag path can load',
        files.join(' + '),
        measure(files.map((name) => join(DIST, name))),
        'every top-level .js/.css of dist/',
      ]);
    }
  } else {
    rows.push(['Chatlet', '—', undefined, NOT_BUILT]);
  }
  for (const peer of PEERS) {
    const paths = withStaticImports(peer.files.map((file) => join(modules, file)));
    rows.push([
      `${peer.name} ${peer.version}`,
      describeFiles(peer.files, paths.length),
      measure(paths),
      peer.launcher ? 'launcher bubble' : 'inline element, no launcher',
    ]);
  }

  console.log('## Size: what a script tag loads (1 KB = 1,000 bytes)\n');
  printTable(
    ['widget', 'files', 'raw', 'gzip -9', 'brotli q11', 'note'],
    rows.map(([name, files, size, note]) => [
      name,
      files,
      kb(size?.raw ?? NaN),
      kb(size?.gzip ?? NaN),
      kb(size?.brotli ?? NaN),
      note,
    ]),
  );

  if (existsSync(LOADER)) {
    const loader = measure([LOADER]).brotli;
    const all = measure(scriptTagFiles().map((name) => join(DIST, name))).brotli;
    const bytes = (value) => `${value.toLocaleString('en')} B`;
    console.log(
      `Against the targets (brotli, each file on its own): loader ${bytes(loader)} of ≤ 3 KB; everything the script-tag path can load ${bytes(all)} of ≤ 15 KB (test/size-budget.mjs, which npm test runs, counts 1 KB as 1,024 B).\n`,
    );
  }
  console.log('Why these files:');
  for (const peer of PEERS) console.log(`- ${peer.name}: ${peer.why}`);
  console.log('');
}
