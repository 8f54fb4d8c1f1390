// Size budgets of what ships, checked in `npm test` after the build. Every byte of the
// script-tag path is paid by every visitor of every site that embeds Chatlet, so a budget that is
// exceeded fails the run. Figures are brotli (quality 11), as the peers are measured in
// BENCHMARKS.md.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
// Vite's own minifier (Rolldown/Oxc), so the npm entry is measured as a site's bundler ships it.
import { minifySync } from 'rolldown/experimental';
import { bundleConsumers } from './bench/lib/consumer-bundle.mjs';

const dist = new URL('../dist/', import.meta.url).pathname;

/*
 * What costs what: `node test/bench/run.mjs size` prints each shipped file, the script-tag path per
 * language and what each part of the loader and the panel costs (from their source maps);
 * BENCHMARKS.md holds the latest run, each feature's cost and what a 15 KB path would need. The
 * budgets below are the achieved figures with a few dozen bytes of room; any growth fails
 * `npm test`, and a feature that needs bytes raises its budget and says why here.
 */

/** Budgets in bytes (brotli). */
export const BUDGETS = {
  /**
   * The classic script a site owner's page loads: launcher without the framework. 3 KB until the
   * panel became a classic script (its SRI hash, script and module paths, idle prefetch, colour
   * check: 3.3 KB); then ~3,360 -> 3,628 B with the launcher's name in eleven languages (shown
   * before any language file arrives, so the loader carries all eleven, ~140 B) and its lang and
   * dir with the logical insets that mirror its corner for ar/he (~45 B), and the refusal of an
   * unsupported data-lang naming the list (~60 B); 3,664 B with the request that lets a panel
   * already on the page answer a script tag added again after destroy() (~30 B); 3,568 B after
   * Terser, then 4,330 B with the teaser (src/shell/teaser.ts: its DOM, storage check and close,
   * its CSS, the close button's name in eleven languages, its three attributes; 819 B), less
   * ~170 B won back by dropping the dead idle-prefetch path and the loader's AbortController;
   * 4,412 B once the panel takes the code both need from the loader (src/shell/panel-kit.ts: the
   * array of shared exports and its offer while the panel loads, ~80 B here for ~750 B off the
   * panel). Target 3 KB (not met). 4,427 B with nothing changed in the loader's own code:
   * it carries the panel's SRI hash, 64 random base64 characters that compress differently with
   * every panel change (here ±15 B), so the budget keeps ~20 B for that. ~4,560 B with inline mode
   * (data-mode checked before anything shows, no launcher, the panel started at once) and
   * data-launcher="none" (its check and the delegated [data-chatlet-open] click listener, which
   * must work before the panel has arrived): ~130 B together, the rest of both lives in the panel.
   * 4,343 B (was 4,545 B) once the teaser's drawing (its DOM, CSS and eleven close names) became
   * a file of its own, chatlet-teaser.js, loaded only on a page with a teaser (see `teaser`
   * below); what stays here (~345 B): when to show it, its live region, storage checks, its
   * file's SRI hash. 3,985 B once all of the teaser but "this page has one, or showTeaser() was
   * called: load its file" moved into that file (src/shell/teaser.ts, ~90 B; a page without a
   * teaser no longer reads storage nor builds the teaser's box), and the emitter's unused clear().
   * 4,069 B with the language file preloaded beside the panel (beside-loader.ts preloadBeside,
   * ~85 B), so the click waits for one round trip, not two. The two SRI hashes it carries (panel
   * and teaser, 64 random base64 characters each) alone move it between 4,067 and 4,111 B (60
   * random pairs, its code unchanged): a panel change measured 4,103 B here with the loader's code
   * as it was, so the budget is that spread's top, not the median. 3,714 B once the loader checks
   * the launcher's attributes by the panel's rules without carrying their messages (a refused one
   * starts the panel stage, which words it: src/shell/loader-options.ts; ~320 B moved to the
   * panel, which only a page with a mistake or a visitor who touches the widget downloads), and
   * draws its icon with CSS instead of building an SVG (~40 B); the budget keeps the hashes'
   * spread above it. ~3,530 B once the loader pins the panel and the teaser with SHA-256 (44
   * base64 characters each instead of 64, ~30 B; the language files already were), builds the
   * handle's eight queued controls in one loop, shares one element helper for the panel's script
   * and the language file's preload, and drops the CSS that Lightning CSS wrote for light-dark()
   * (which nothing uses) and a constructable-sheet check every browser passes. 3,495 B with
   * ChatletError's options handed to Error as they are and one length check for both limits; the
   * two SHA-256 hashes alone move it between 3,485 and 3,520 B (60 random pairs, its code
   * unchanged), so the budget is that spread's top and a little. ~3,429 B (3,413-3,441 B over 40
   * random hash pairs) once nothing inside the host is undone by the loader (the shadow root, its
   * sheets and the host's attributes go with the host; <chatlet-widget> resets its own: ~55 B),
   * the early queue keeps no clearing nor second-replay guard, and the launcher's options are read
   * with fewer steps; the exact z-index (2147483000, which the CSS minifier had rounded to
   * 2147480000) costs ~7 B of that back. 3,423 B (3,408-3,437 B over 200 random hash pairs, mean
   * 3,420 B) with ChatletError's own properties set in one Object.assign; another sample of random
   * pairs reached 3,448 B with the same code, so the budget keeps ~13 B above that. ~3,440 B
   * (3,427-3,459 B over 200 random pairs, +20 B mean) with two savings of main-thread time on the
   * untouched visit (docs/ARCHITECTURE.md, "What an untouched visit costs"): V8's compile hint
   * `//# allFunctionsCalledOnLoad` (~13 B), so Chromium compiles the loader's functions off the main
   * thread while it streams the file, and the host's `display: contents` (~7 B), so the launcher's
   * arrival adds no anonymous block to the page's layout; the budget moves by the same 20 B.
   * 3,406 B once an unpinned page loads the panel with its language in one file (no preload of the
   * language file; src/shell/panel-chunk.ts chooses `chatlet-panel-<lang>.js`: ~50 B less).
   * ~3,370 B (mean over 40 random hash pairs 3,406 -> 3,370 B, 3,357-3,392 B; nothing visible
   * changed) once the launcher's eleven names are a list in the order of LANGUAGES instead of an
   * object keyed by the same eleven codes the loader carries anyway (src/ui/launcher-label.ts
   * openChatIn, ~40 B), Terser renames the loader's private option properties (vite.config.ts
   * LOADER_TERSER, ~15 B), and deferHandle returns a tuple, Lifecycle.end() has no second-call
   * guard and mountStaged leaves a late panel to settle (a few bytes each, within the noise).
   * 3,302 B (mean over 60 random hash pairs 3,298 B, 3,287-3,315 B) with ChatletError's details
   * assigned whole, shorter length and CSP sentences and a few shorter CSS values
   * (docs/ARCHITECTURE.md, "The loader's bytes"); the budget keeps ~30 B above that mean, as before.
   * 3,286 B (mean 3,292 B, 3,281-3,306 B over 60 random pairs) with the hand-over's listener as its
   * own flag and each absent choice the first of its list; budget 3.24 KiB (3,317 B, ~25 B above).
   * 3,267 B (mean 3,265 B, 3,257-3,280 B over 60 random pairs) once the guards only jsdom and the
   * npm element need are compiled out of the loader (docs/ARCHITECTURE.md, "The loader's bytes").
   */
  loader: 3.215 * 1024,
  /**
   * `dist/chatlet-teaser.js`, the teaser's drawing (src/shell/teaser-view.ts, teaser.css, the close
   * button's name in eleven languages), fetched beside the loader as the teaser's delay starts, and
   * only on a page that has one: 1,120 B; 1,467 B once it also decides when to show itself (its
   * storage checks, its live region, its delay and data-storage read from the script tag: ~350 B
   * that every visitor of every page paid in the loader before).
   */
  teaser: 1.46 * 1024,
  /**
   * `dist/chatlet-integrity.js`, the SRI hash of each language file, fetched before the language
   * file and only when the loader's tag carries `integrity` (src/embed/locale-script.ts): 512 B,
   * which the panel carried for every visitor until then (~445 B).
   */
  integrity: 0.52 * 1024,
  /**
   * `dist/chatlet-panel.js`, the conversation and the Preact panel, fetched beside the loader when a
   * visitor hovers, focuses or opens (its parts: `node test/bench/run.mjs size`). 24,437 B before
   * its own budget; 24,359 B once Terser also renames the panel's own properties that never leave
   * the file (vite.config.ts, PANEL_OWN_PROPERTIES: the models' methods, the components' own
   * props, the dependencies the modules hand each other; ~80 B) and its CSS is written for the
   * README's browsers rather than ES2022's (no `-moz-fit-content`, Firefox 94+ has `fit-content`).
   * 24,344 B with the catching of the language's hand-over (chatlet-panel-<lang>.js), then
   * 24,274 B once Preact's own API names inside the file are renamed as well
   * (PANEL_LIBRARY_PROPERTIES: `setState`, `props`, a ref's `current`, the lifecycle methods;
   * 70-160 B, as brotli takes the rest of the file).
   */
  panel: 23.74 * 1024,
  /**
   * Everything the script-tag path can load for one language: loader + panel chunk + that
   * language's file (`chatlet-<lang>.js`), each file compressed on its own as it travels. Issue
   * target 15 KB; 25,100 B, then ~27,480 B with the visitor features and the classic-script panel
   * (en/de inside the panel); 29,252 B for the largest language (ar) with one file per language:
   * its file (0.4-0.7 KB), each file's SRI hash in the panel (~430 B), the honest-link check
   * (~400 B), right-to-left CSS and dir (~180 B), the launcher names in the loader; 29,300 B
   * after the re-announcing panel (~40 B over loader and panel); the long-history window ("Show
   * earlier messages", quiet history, the kept reading position, ~200 B) and the early
   * date-format warm-up (~40 B) came in after the build's own savings (ar: 29,151 B); 30,016 B
   * with the teaser (its ~780 B net in the loader, its option checks in the panel); 29,349 B with
   * the panel taking what it shares with the loader from the loader (~670 B less; English
   * 29,047 B); 29,377 B (English 29,075 B) with the metadata check moved into its own module.
   * Issue goal for this round: ≤ 22 KB for English (not met; BENCHMARKS.md says what would
   * get there). ~29,990 B with inline mode and data-launcher="none" (~130 B in the loader, ~490 B
   * in the panel: the container lookup and its errors, the inline CSS, the option checks, the
   * pinned-open view, focus return); 29,818 B (English 29,516 B) once the teaser's drawing left
   * the loader (a page with a teaser fetches its 1,120 B besides); 29,386 B (English 29,084 B)
   * with the loader's own savings and the panel's shared Icon, its Escape handlers as JSX props
   * and the CSS rules the browser already applies gone.
   * 29,469 B with the language file's preload in the loader (~85 B); 29,086 B (pl; English
   * 28,900 B) with the panel's own Terser options, signals' modern build, JSX through `h`
   * (vite.config.ts, ~270 B off the panel) and language files with unquoted keys, in UTF-8 behind
   * a byte order mark where that is smaller (ar -130 B, he -120 B); 28,979 B (pl; English
   * 28,793 B) with the loader's attribute checks worded by the panel and its icon drawn in CSS,
   * and the panel's smaller menu, status and timestamp code. The loader's SRI hashes move every
   * path by up to ±22 B, so the budget keeps ~50 B.
   * 29,064 B (pl) with a long history opened in short tasks (src/embed/panel-stage.ts readyToDraw,
   * the first drawing's six messages in MessageList.tsx: ~125 B). 28,704 B (pl; English
   * 28,518 B) with the language files' SRI hashes in chatlet-integrity.js, which only a pinned
   * page loads (~445 B off the panel; see `integrity`). 28,481 B (pl; English 28,294 B) with
   * the panel's own properties renamed by Terser (~80 B, see `panel`).
   * Since then an unpinned page loads `chatlet-panel-<lang>.js`, the panel with its language in one
   * file (vite.config.ts, emitLanguagePanels), so this path is the loader and that file: 28,448 B
   * (ar; English 28,205 B), ~75 B less for the one compressed stream and the loader's dropped
   * preload, ~60 B more for the panel's catching of its language's hand-over.
   * 28,343 B (fr; English 28,092 B) with Preact's API names inside the panel renamed too
   * (chatlet-panel-en.js 24,797 -> 24,675 B; see `panel`).
   */
  scriptTagTotal: 27.75 * 1024,
  /**
   * The same for a page that pins the loader with `integrity`: loader + `chatlet-panel.js` +
   * `chatlet-integrity.js` + the language's file, each checked against its hash, each its own
   * response. 28,933 B (pl) when it became a row of its own; 28,872 B (pl) with Preact's API
   * names inside the panel renamed.
   */
  scriptTagPinned: 28.24 * 1024,
  /**
   * The npm ESM entry and the chunks it imports, Preact and signals external, plus its largest
   * language chunk. Target then 14 KB; 16,237 B, then ~18,600 B with storage modes, the visitor
   * features and the colour check (en/de inside); 19,850 B with one chunk per language (that
   * chunk, the map of the eleven chunk names, the queue of calls that wait for it, the
   * honest-link check, right-to-left CSS); 20,305 B once the entry became a launcher stage with
   * the panel as a chunk loaded on first use (the staged loading and its early-call queue, ~450 B:
   * the price of the ~21 KB it no longer puts into the site's first bundle); 20,556 B with the
   * long-history window and the date-format warm-up (~210 B); 21,368 B with the teaser in the
   * launcher stage; 21,444 B once the metadata and launcher checks became modules of their own (two
   * more chunk files, ~75 B when joined, for ~600 B off the site's first bundle); ~22,090 B with
   * inline mode and data-launcher="none" (~640 B); 21,728 B once the teaser's drawing became a chunk
   * of its own, imported only by a page with a teaser. Up to 21,807 B once the row's language is
   * Polish: the row takes the language whose own chunk is largest, which was Arabic until the
   * placeholders lost their "…" (3 B each), and the joined size of one language and the code moves
   * by up to ~100 B with small changes elsewhere (Polish 21,710–21,807 B, Arabic 21,711–21,758 B
   * over this change's builds). ~25 B of it is the panel stage connecting the conversation while
   * the language chunk loads. 20,303 B once the npm build minifies the stylesheets it carries as
   * strings (`cssMinify`, vite.config.ts): no consumer's bundler minifies a string, so their
   * comments and indentation shipped in every site's bundle (~1,480 B).
   */
  npmEntry: 19.9 * 1024,
  /**
   * What `import { createChatlet } from 'chatlet'` adds to the first bundle of a site built with
   * Vite (test/bench/lib/consumer-bundle.mjs): the launcher stage only, the panel being a chunk
   * of its own. Target 6 KB; 5,880 B on 2026-12-01 (with Vite's preload helper for the import());
   * 6,657 B with the teaser, which the launcher stage draws (~800 B); 6,054 B once the page-context
   * reading moved to the panel's chunk and the metadata check left src/core/validate.ts (the
   * request, reply and error-body checks no longer travel with it); 6,393 B with inline mode and
   * data-launcher="none" (createChatlet checks mode and launcher and finds the inline target at
   * once, so a bad one throws; the launcher stage holds the [data-chatlet-open] listener: ~320 B);
   * 5,972 B once the teaser's drawing became a dynamic import() of its own
   * (src/shell/teaser-view.ts). 5,014 B once the launcher's stylesheet is minified in the npm
   * build (~725 B of its comments and indentation).
   */
  npmConsumerInitial: 5.0 * 1024,
  /**
   * The same for `import 'chatlet/element'` (`<chatlet-widget>`): 29,183 B with Preact and the
   * panel until it took createChatlet's two stages; 6,756 B with the launcher stage only (the
   * element and its attribute reading on top of createChatlet's); 6,005 B with the launcher's
   * stylesheet minified.
   */
  npmElementInitial: 5.92 * 1024,
};

const brotli = (buffer) =>
  brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
/**
 * Sizes of `files`. Separate files are separate responses, so each is compressed on its own and the
 * sizes add up; the npm entry's chunks are joined first, as a site's bundler would ship them.
 */
const sizes = (files, { minify = false, separate = false } = {}) => {
  const read = (file) =>
    minify ? Buffer.from(minifySync(file, readFileSync(file, 'utf8')).code) : readFileSync(file);
  const buffers = separate ? files.map(read) : [Buffer.concat(files.map(read))];
  const sum = (measure) => buffers.reduce((total, buffer) => total + measure(buffer), 0);
  return {
    raw: sum((buffer) => buffer.length),
    gzip: sum((buffer) => gzipSync(buffer, { level: 9 }).length),
    brotli: sum(brotli),
  };
};

/** The files an ES module imports statically, followed through relative imports. */
function staticClosure(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(
      /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]*from\s*)?["'](\.[^"']+)["']/g,
    )) {
      visit(join(dirname(file), match[1]));
    }
  };
  visit(entry);
  return [...seen];
}

/** The language files beside the loader, `chatlet-<lang>.js`, one per language. */
const localeFiles = readdirSync(dist)
  .filter((name) => /^chatlet-[a-z]{2}\.js$/.test(name))
  .map((name) => join(dist, name));
const loader = join(dist, 'chatlet.js');
const panel = join(dist, 'chatlet-panel.js');
/** The npm build's language chunks (`ar-<hash>.js`, …), which the entry imports on demand. */
const npmLocales = readdirSync(join(dist, 'npm'))
  .filter((name) => /^[a-z]{2}-[\w-]+\.js$/.test(name))
  .map((name) => join(dist, 'npm', name));
const largest = (files) =>
  files.toSorted((a, b) => brotli(readFileSync(b)) - brotli(readFileSync(a))).slice(0, 1);
const rows = [
  ['loader (dist/chatlet.js)', [loader], BUDGETS.loader, {}],
  ['panel (dist/chatlet-panel.js)', [panel], BUDGETS.panel, {}],
  ['teaser (dist/chatlet-teaser.js)', [join(dist, 'chatlet-teaser.js')], BUDGETS.teaser, {}],
  [
    'integrity (dist/chatlet-integrity.js)',
    [join(dist, 'chatlet-integrity.js')],
    BUDGETS.integrity,
    {},
  ],
  ...localeFiles.map((file) => [
    `script-tag path, ${file.slice(-5, -3)} (loader + chatlet-panel-${file.slice(-5, -3)}.js)`,
    [loader, join(dist, `chatlet-panel-${file.slice(-5, -3)}.js`)],
    BUDGETS.scriptTagTotal,
    { separate: true },
  ]),
  ...localeFiles.map((file) => [
    `pinned path, ${file.slice(-5, -3)} (loader + panel + integrity + ${file.slice(dist.length)})`,
    [loader, panel, join(dist, 'chatlet-integrity.js'), file],
    BUDGETS.scriptTagPinned,
    { separate: true },
  ]),
  [
    'npm entry on first use, minified (index.js + panel chunk + largest language)',
    [
      ...new Set([
        ...staticClosure(join(dist, 'npm/index.js')),
        // The panel's chunk, which index.js imports on first use.
        ...readdirSync(join(dist, 'npm'))
          .filter((name) => name.startsWith('panel-npm-'))
          .flatMap((name) => staticClosure(join(dist, 'npm', name))),
      ]),
      ...largest(npmLocales),
    ],
    BUDGETS.npmEntry,
    { minify: true },
  ],
];

let failures = 0;
console.log(`${'budget'.padEnd(60)}     raw     gzip   brotli   limit`);
for (const [label, files, limit, how] of rows) {
  if (!files.every((file) => existsSync(file))) {
    console.log(`${label}: missing build output — run npm run build`);
    failures += 1;
    continue;
  }
  const size = sizes(files, how);
  const ok = size.brotli <= limit;
  if (!ok) failures += 1;
  console.log(
    `${label.padEnd(60)} ${String(size.raw).padStart(7)} ${String(size.gzip).padStart(8)} ${String(size.brotli).padStart(8)} ${String(limit === Infinity ? '-' : Math.floor(limit)).padStart(7)} ${ok ? 'ok' : 'OVER BUDGET'}`,
  );
}

// A site's own Vite build: what each way of importing the package adds to its first bundle.
if (existsSync(join(dist, 'npm/index.js'))) {
  const built = await bundleConsumers();
  const alone = built['page alone'].initial;
  for (const [name, { initial, hasPreact }] of Object.entries(built)) {
    if (name === 'page alone') continue;
    const added = { raw: initial.raw - alone.raw, brotli: initial.brotli - alone.brotli };
    // Only createChatlet and the element may bring anything worth counting, and nothing may bring
    // Preact at once.
    const limit = name.startsWith('createChatlet')
      ? BUDGETS.npmConsumerInitial
      : name.startsWith('<chatlet-widget>')
        ? BUDGETS.npmElementInitial
        : 100;
    const ok = added.brotli <= limit && !hasPreact;
    if (!ok) failures += 1;
    console.log(
      `${`consumer's first bundle, ${name.replace(/ \(.*/, '')}`.padEnd(60)} ${String(added.raw).padStart(7)} ${'-'.padStart(8)} ${String(added.brotli).padStart(8)} ${String(Math.floor(limit)).padStart(7)} ${ok ? 'ok' : hasPreact ? 'PREACT IN THE FIRST BUNDLE' : 'OVER BUDGET'}`,
    );
  }
}
process.exit(failures === 0 ? 0 : 1);
