// Benchmark 1: what a script tag makes the visitor download, Chatlet next to the peers —
// raw, gzip (level 9) and brotli (quality 11) of the files each one's script-tag path loads.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { DIST, LOADER, NOT_BUILT, scriptTagFiles } from './lib/chatlet.mjs';
import { partsOf } from './lib/parts.mjs';
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
        'Chatlet, all the script-tag path can load (English)',
        files.join(' + '),
        measure(files.map((name) => join(DIST, name))),
        'the teaser included',
      ]);
      const pinned = scriptTagFiles('en', true);
      rows.push([
        'Chatlet, the same with the loader pinned (integrity)',
        pinned.join(' + '),
        measure(pinned.map((name) => join(DIST, name))),
        'every file checked against its hash',
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
  if (existsSync(LOADER)) printChatletTables();
  console.log('Why these files:');
  for (const peer of PEERS) console.log(`- ${peer.name}: ${peer.why}`);
  console.log('');
}

/**
 * The part of the script-tag files a source belongs to, by its path in the source map. Features
 * count their own modules; what they add inside shared components (a button in MessageItem) is
 * counted with the components. A module of a feature added later (teaser, inline) is found by its
 * name.
 * @type {Array<[RegExp, string]>}
 */
const PARTS = [
  [/node_modules\/preact\//, 'Preact (core, hooks, JSX runtime)'],
  [/src\/(shell|embed|ui)\/[^/]*teaser/i, 'teaser'],
  [/src\/(shell|embed)\/[^/]*inline/i, 'inline mode'],
  [/node_modules\/@preact\/signals/, '@preact/signals (core + Preact bindings)'],
  [/src\/client\//, 'client: HTTP, storage, tab sync, outbox lock, conversation store'],
  [/src\/ui\/rich-text\/plain-text\.ts$|CopyButton/, 'copy (reply and code)'],
  [/src\/ui\/rich-text\//, 'rich text: allowlisted markup parser, renderer, honest links'],
  [/src\/ui\/transcript\.ts$/, 'transcript'],
  [/src\/ui\/format-time\.ts$/, 'timestamps'],
  [/src\/core\/feedback\.ts$/, 'feedback'],
  [/src\/embed\/title-count\.ts$/, 'unread count in the page title'],
  [
    /src\/(core\/options|core\/validate|embed\/attributes|shell\/parsers|shell\/limits|shell\/loader-options)\.ts$/,
    'options: attributes, checks, limits',
  ],
  [
    /src\/(embed\/locale-script|ui\/i18n|core\/languages|ui\/launcher-label)\.ts$/,
    'languages: loading the language file, i18n, launcher names',
  ],
  [
    /src\/ui\/components\/|src\/ui\/mount\.tsx$/,
    'components: panel, header, menu, list, message, composer',
  ],
  [/src\/ui\//, 'models: chat, delivery, conversation state, view'],
  [/src\/shell\/(launcher|host-style|shell)\.ts$/, 'launcher: host element, shadow root, button'],
  [/src\/shell\//, 'staged loading, early API queue, events, styles'],
  [/src\/embed\//, 'panel stage: wiring, page context, viewport, tabs, badge'],
  [/src\/core\//, 'core: messages, protocol, errors'],
];

/** The part a stretch of built code belongs to; the build's strings are told by their text. */
function partOf(source, text) {
  if (source === undefined) {
    if (text.includes('sha256-'))
      return 'languages: loading the language file, i18n, launcher names';
    if (text.includes('{') && /:host|\.launcher|\.panel/.test(text)) return 'CSS';
    return 'bundle wrapper';
  }
  return PARTS.find(([pattern]) => pattern.test(source))?.[1] ?? 'other';
}

const bytes = (value) => `${value.toLocaleString('en')} B`;

/** Chatlet's own tables: every shipped file, the path per language, what each part costs. */
function printChatletTables() {
  const files = readdirSync(DIST)
    .filter((name) => /^chatlet(-[\w]+)?\.js$/.test(name))
    .toSorted((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  console.log('## Size: each file of the script-tag path (1 KB = 1,000 bytes)\n');
  printTable(
    ['file', 'raw B', 'gzip -9 B', 'brotli q11 B', 'who loads it'],
    files.map((name) => {
      const size = measure([join(DIST, name)]);
      return [name, bytes(size.raw), bytes(size.gzip), bytes(size.brotli), whoLoads(name)];
    }),
  );

  const languages = files
    .map((name) => /^chatlet-([a-z]{2})\.js$/.exec(name)?.[1])
    .filter((lang) => lang !== undefined);
  const paths = languages
    .map((lang) => ({
      lang,
      size: measure(['chatlet.js', `chatlet-panel-${lang}.js`].map((n) => join(DIST, n))),
      pinned: measure(
        ['chatlet.js', 'chatlet-panel.js', 'chatlet-integrity.js', `chatlet-${lang}.js`].map((n) =>
          join(DIST, n),
        ),
      ),
    }))
    .toSorted((a, b) => a.size.brotli - b.size.brotli);
  console.log(
    '## Size: the script-tag path per language (loader + the panel with that language; pinned: loader + panel + integrity + language file)\n',
  );
  printTable(
    ['language', 'raw', 'gzip -9', 'brotli q11 B', 'vs English', 'pinned, brotli q11 B'],
    paths.map(({ lang, size, pinned }) => [
      lang,
      kb(size.raw),
      kb(size.gzip),
      bytes(size.brotli),
      `${size.brotli >= english(paths) ? '+' : ''}${(size.brotli - english(paths)).toLocaleString('en')} B`,
      bytes(pinned.brotli),
    ]),
  );
  const largest = paths.at(-1);
  console.log(
    `English path ${bytes(english(paths))}; largest language (${largest?.lang}) ${bytes(largest?.size.brotli ?? NaN)}. Targets: ≤ 22 KB (22,528 B) for English with every feature in, 15 KB (15,360 B) ahead.\n`,
  );

  for (const name of ['chatlet.js', 'chatlet-panel.js']) {
    const parts = partsOf(join(DIST, name), partOf);
    console.log(`## Size: what each part of ${name} costs (brotli scaled to the file)\n`);
    printTable(
      ['part', 'raw B', 'brotli B'],
      [
        ...parts.map(({ part, raw, brotli }) => [
          part,
          raw.toLocaleString('en'),
          brotli.toLocaleString('en'),
        ]),
        ['**total**', '', measure([join(DIST, name)]).brotli.toLocaleString('en')],
      ],
    );
  }
}

/** The loader first, then the panel, then the language files. */
const rank = (name) =>
  name === 'chatlet.js'
    ? 0
    : name === 'chatlet-panel.js'
      ? 1
      : name.startsWith('chatlet-panel')
        ? 2
        : 3;
const whoLoads = (name) =>
  name === 'chatlet.js'
    ? 'every visitor of the page'
    : name === 'chatlet-panel.js'
      ? "a visitor who hovers, focuses or opens, when the loader's tag has integrity"
      : name.startsWith('chatlet-panel-')
        ? 'the same, unpinned: the panel with that language'
        : name === 'chatlet-teaser.js'
          ? 'pages that set a teaser, as its delay starts'
          : name === 'chatlet-integrity.js'
            ? "with the panel, only when the loader's tag has integrity"
            : 'with the pinned panel, for that language only';
const english = (paths) => paths.find(({ lang }) => lang === 'en')?.size.brotli ?? NaN;
