import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { MinifyOptions } from 'terser';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { LANGUAGES } from './src/core/languages.ts';
import { LOCALES } from './src/ui/all-locales.ts';
import * as errors from './src/core/errors.ts';
import * as languages from './src/core/languages.ts';
import * as limits from './src/shell/limits.ts';
import * as report from './src/shell/report.ts';
import * as styles from './src/shell/styles.ts';
import * as launcherLabel from './src/ui/launcher-label.ts';

/**
 * Four builds, chosen by `--mode` (`npm run build` runs them in this order, then emits the `.d.ts`
 * files with `tsc -p tsconfig.build.json`):
 * - `panel`: `dist/chatlet-panel.js`, the classic script the loader inserts from beside itself on
 *   hover, focus, click or an API call (and prefetches when the page is idle): Preact, the
 *   conversation, the panel, rich text;
 * - `teaser`: `dist/chatlet-teaser.js`, the classic script that draws the teaser, inserted by the
 *   loader only on a page that shows one (src/shell/teaser.ts);
 * - default: `dist/chatlet.js`, the small classic script a site owner loads with one script tag: it
 *   reads the data attributes and renders the launcher without the framework. Built after the
 *   panel and the teaser, because it carries their Subresource Integrity hashes;
 * - `npm`:   `dist/npm/*.js`, the ESM entries of the package (Preact external) and the Node proxy.
 */
const { version } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as {
  version: string;
};
/** Non-ASCII as `\\uXXXX` (see asciiOnly below). */
const escapeNonAscii = (code: string): string =>
  code.replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** `value` as a JavaScript literal: JSON, but object keys that are identifiers left unquoted. */
const literal = (value: unknown): string =>
  typeof value === 'object' && value !== null
    ? `{${Object.entries(value)
        .map(
          ([key, item]) =>
            `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}:${literal(item)}`,
        )
        .join(',')}}`
    : JSON.stringify(value);
const brotliSize = (text: string): number =>
  brotliCompressSync(text, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** A file's source that hands `strings` over as `lang` (src/embed/locale-script.ts). */
const handOver = (lang: string, strings: unknown): string =>
  `document.dispatchEvent(new CustomEvent("chatlet-locale",{detail:${literal({ lang, strings })}}));\n`;

/**
 * One classic script per language, `dist/chatlet-<lang>.js`, which the panel loads beside itself
 * (src/embed/locale-script.ts): it hands its table over with an event on `document`, so no
 * global is touched, as a classic script or as a module. Written here, not bundled, so the panel
 * build can carry each file's SRI hash. Each file takes the smaller of two safe encodings: ASCII
 * with `\uXXXX` escapes (see asciiOnly below), or UTF-8 behind a byte order mark, which makes the
 * browser decode it as UTF-8 whatever the page's or the response's charset says (the Encoding
 * Standard's BOM sniffing comes first); for Arabic and Hebrew, nearly all non-ASCII, that is
 * ~110 B brotli less.
 */
/** `text` in the smaller (brotli) of the two encodings described above. */
const smallerEncoding = (text: string): string => {
  const escaped = escapeNonAscii(text);
  const utf8 = `\ufeff${text}`;
  return brotliSize(utf8) < brotliSize(escaped) ? utf8 : escaped;
};
const localeFiles = Object.fromEntries(
  LANGUAGES.map((lang) => [lang, smallerEncoding(handOver(lang, LOCALES[lang]))]),
);
/**
 * The `integrity` value (SRI) of a file's text. SHA-256, the shortest of the three digests SRI
 * knows: these hashes travel inside the files that pin (the loader carries two), where each is 44
 * random base64 characters instead of SHA-384's 64 (~15 B brotli less each).
 */
const sha256 = (source: string | Buffer): string =>
  `sha256-${createHash('sha256').update(source).digest('base64')}`;
/**
 * `dist/chatlet-integrity.js`: each language file's hash, handed over like a language (its `lang`
 * is `integrity`). The panel loads it only when the loader's tag carries `integrity`, pinned by
 * the one hash written into the panel, and then pins the language file with the hash it holds
 * (src/embed/locale-script.ts): the eleven hashes, ~400 B brotli of random base64, are paid only
 * by the pages that pin.
 */
const integrityFile = handOver(
  'integrity',
  Object.fromEntries(LANGUAGES.map((lang) => [lang, sha256(localeFiles[lang] ?? '')])),
);
const emitLocaleFiles: Plugin = {
  name: 'chatlet-locale-files',
  generateBundle() {
    for (const [lang, source] of Object.entries(localeFiles)) {
      this.emitFile({ type: 'asset', fileName: `chatlet-${lang}.js`, source });
    }
    this.emitFile({ type: 'asset', fileName: 'chatlet-integrity.js', source: integrityFile });
  },
};

/**
 * `dist/chatlet-panel-<lang>.js`: the panel followed by its language's file, one per language,
 * which the loader inserts when its tag is not pinned (src/shell/panel-chunk.ts), so the visitor's
 * opening waits for one file instead of two and their language comes without a task of its own.
 * The panel catches the language's hand-over, which runs right after the panel's own top level
 * (src/embed/locale-script.ts, `catchLocales`). The panel's code is byte for byte that of
 * `chatlet-panel.js` and comes first, so that file's source map serves every copy. Like the
 * language files, each copy takes the smaller of ASCII with `\u` escapes and UTF-8 behind a byte
 * order mark (the panel's own code is ASCII: asciiOnly). A pinned page loads `chatlet-panel.js`
 * and the language file on its own, each checked against its hash.
 */
const emitLanguagePanels: Plugin = {
  name: 'chatlet-language-panels',
  generateBundle(_options, bundle) {
    const panel = bundle['chatlet-panel.js'];
    if (panel?.type !== 'chunk')
      throw new Error('chatlet-panel.js is missing from the panel build');
    const [code = '', mapComment = ''] = panel.code.split(/(?=\n\/\/# sourceMappingURL=)/);
    for (const lang of LANGUAGES) {
      // The panel's code is ASCII already (asciiOnly), so only the language's part can change.
      const chosen = smallerEncoding(`${code}\n${handOver(lang, LOCALES[lang])}`);
      this.emitFile({
        type: 'asset',
        fileName: `chatlet-panel-${lang}.js`,
        source: `${chosen.trimEnd()}${mapComment}`,
      });
    }
  },
};

const shared = {
  oxc: { jsx: { runtime: 'automatic' as const, importSource: 'preact' } },
  define: {
    __CHATLET_VERSION__: JSON.stringify(version),
    __CHATLET_LOCALE_INTEGRITY__: JSON.stringify(sha256(integrityFile)),
    // The loader's build alone says true (below): src/shell/staged.ts drops what only npm uses.
    __CHATLET_LOADER__: 'false',
  },
  // public/ holds the demo pages, served by `npm start`; they are not part of the bundle.
  publicDir: false as const,
};

/**
 * The `integrity` value of a built file beside the loader (the panel, the teaser), which the loader
 * sets on that file's script element when its own tag carries `integrity` (src/shell/beside-loader.ts).
 * Read from the file as written, so the hash covers exactly the bytes a CDN serves. Outside a build
 * (vitest) there is nothing to pin.
 */
function integrityOf(name: string, mode: string, building: boolean): string {
  const file = new URL(`dist/${name}`, import.meta.url);
  if (!existsSync(file)) {
    if (building)
      throw new Error(`Build ${name} first: vite build --mode ${mode} (npm run build).`);
    return 'sha256-not-built';
  }
  return sha256(readFileSync(file));
}

/**
 * A second minification of the script-tag files with Terser, after Vite's own (Oxc): Terser's
 * repeated compress passes find what one Oxc pass leaves (inlined single-use functions, joined
 * declarations, shorter conditionals), ~290 B brotli off the panel and ~80 B off the loader.
 * No `pure_getters`, since a signal's `.value` getter subscribes the component that reads it, so a
 * read that looks unused is not. The source map is carried through, so devtools still show the
 * sources. `extra` adds options for one file (see {@link PANEL_TERSER}).
 */
const squeeze = (extra: MinifyOptions = {}): Plugin => ({
  name: 'chatlet-squeeze',
  async generateBundle(_options, bundle) {
    // Imported here so a checkout whose node_modules predate this step still builds (warned, and
    // larger); `npm install` brings Terser in.
    const terser = await import('terser').then(
      (module) => module.minify,
      () => undefined,
    );
    if (terser === undefined) {
      this.warn('terser is not installed (run npm install): the script-tag files are left larger');
      return;
    }
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      // Rolldown has already appended the map's URL comment; Terser would drop it.
      const [code = '', mapComment = ''] = chunk.code.split(/(?=\n\/\/# sourceMappingURL=)/);
      const result = await terser(code, {
        ecma: 2020,
        compress: { passes: 3 },
        mangle: true,
        ...extra,
        sourceMap: chunk.map
          ? { content: JSON.stringify(chunk.map), includeSources: true, filename: chunk.fileName }
          : false,
      });
      if (result.code === undefined)
        throw new Error(`Terser returned no code for ${chunk.fileName}`);
      chunk.code = result.code + mapComment;
      // The map file is already in the bundle as an asset, written from the map before this pass.
      const mapFile = bundle[`${chunk.fileName}.map`];
      if (mapFile?.type === 'asset' && typeof result.map === 'string') mapFile.source = result.map;
    }
  },
});

/**
 * Properties of the panel's own objects that Terser renames to a letter or two, like the `__`
 * internals below (~80 B brotli): the models' methods and signals (`chat.setFailure`,
 * `view.draft`), the components' own props (`onRetry`, `textbox`) and the dependencies the
 * modules hand each other (`newId`, `warnOnce`). Each name is used only as a property inside
 * chatlet-panel.js: none is an option, a language file's string key, a field of the wire
 * protocol, the storage or another tab's messages, an event's detail, a DOM property or a JSX
 * attribute, and none crosses to the loader (the shell, the controls, the kit), which is built
 * apart and would keep the long name. Terser never renames a DOM property it knows (its
 * `domprops` list), and {@link checkOwnProperties} refuses a build that writes one as a string.
 */
const PANEL_OWN_PROPERTIES = [
  'addStorageListener',
  'baseUrl',
  'chat',
  'client',
  'draft',
  'dropped',
  'exclusive',
  'extras',
  'failure',
  'failures',
  'keep',
  'later',
  'leaseMs',
  'newId',
  'noteReply',
  'onDraft',
  'onEvent',
  'onNewConversation',
  'onRate',
  'onRetry',
  'onStarter',
  'onTranscript',
  'pinned',
  'pump',
  'quiet',
  'renderCode',
  'restored',
  'setDraft',
  'setFailure',
  'setOnline',
  'sleep',
  'slots',
  'textbox',
  'timeLang',
  'unknownKeys',
  'warnOnce',
  'watchKey',
];

/**
 * Preact's own API names that the same rule renames: the class component's methods and lifecycle
 * (`setState`, `render`, `shouldComponentUpdate`, ...), `props`, a ref's `current` and two option
 * hooks Preact reads (`vnode`, `debounceRendering`): 70-160 B brotli (24,344 -> 24,274 B, and
 * 24,797 -> 24,675 B for chatlet-panel-en.js), long names read and written many times by Preact,
 * its hooks and @preact/signals. All three libraries are bundled
 * into the file, whose vnodes, components and refs never leave it (the page gets DOM nodes, the
 * loader a handful of functions), and nothing in it names these in a string (the hooks signals
 * installs by name are kept, see {@link PANEL_TERSER}), so every use is renamed alike. Not the JSX
 * event props (`onInput`, `onKeyDown`), which Preact turns into event names, nor the option hooks
 * signals installs by name (`diffed`, `unmount`); signals' `peek`, `watched` and `unwatched`
 * stay too: renamed, the file measured 56 B larger (a few uses of a word compress better than
 * a random letter pair).
 */
const PANEL_LIBRARY_PROPERTIES = [
  'componentDidCatch',
  'componentDidMount',
  'componentDidUpdate',
  'componentWillMount',
  'componentWillReceiveProps',
  'componentWillUnmount',
  'componentWillUpdate',
  'current',
  'debounceRendering',
  'forceUpdate',
  'getChildContext',
  'getDerivedStateFromError',
  'getDerivedStateFromProps',
  'getSnapshotBeforeUpdate',
  'props',
  'render',
  'setState',
  'shouldComponentUpdate',
  'vnode',
];

/**
 * The panel's own Terser options, ~60 B brotli each that the loader and the teaser would not gain
 * (there they cost a few bytes):
 * - five passes, and of the `unsafe*` transforms only `unsafe_arrows`, which turns a `function`
 *   expression that reads neither `this` nor `arguments` into an arrow: unsafe only for one called
 *   with `new` or read for its `prototype`, and the panel has none (Preact's and signals'
 *   constructors are declarations, its components are called, never constructed);
 * - properties starting `__` renamed: Preact, its hooks and @preact/signals name their internals
 *   so (`vnode.__k`, `options.__b`) to leave them to this step, and Chatlet's code has none. The
 *   file is one Terser run, so every use is renamed alike; kept are the names that reach Preact as
 *   strings or from outside: the four option hooks @preact/signals installs by name (`"__b"`,
 *   `"__r"`, `"__e"`, `"__h"`), JSX's `__source`/`__self`, `__html` and `__proto__`.
 */
const PANEL_TERSER: MinifyOptions = {
  compress: { passes: 5, unsafe_arrows: true },
  mangle: {
    properties: {
      regex: new RegExp(
        `^(__|(${[...PANEL_OWN_PROPERTIES, ...PANEL_LIBRARY_PROPERTIES].join('|')})$)`,
      ),
      reserved: ['__b', '__r', '__e', '__h', '__source', '__self', '__html', '__proto__'],
    },
  },
};

/**
 * Refuses a panel build in which a name of {@link PANEL_OWN_PROPERTIES} or
 * {@link PANEL_LIBRARY_PROPERTIES} is written as a string
 * (`"draft"`, `` `draft` ``): a property reached by a name in a string (`key in object`, a table
 * read by a computed key, JSON) would no longer be found once Terser renames it. Runs on the code
 * before Terser, so a new use of one of these names as text fails the build instead of the widget.
 */
const checkOwnProperties: Plugin = {
  name: 'chatlet-own-properties',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      for (const name of [...PANEL_OWN_PROPERTIES, ...PANEL_LIBRARY_PROPERTIES]) {
        if (new RegExp(`["'\`]${name}["'\`]`).test(chunk.code)) {
          throw new Error(
            `${chunk.fileName} writes "${name}" as a string: take it out of PANEL_OWN_PROPERTIES or PANEL_LIBRARY_PROPERTIES in vite.config.ts, since Terser renames that property.`,
          );
        }
      }
    }
  },
};

/**
 * The loader's own Terser options: the properties of its private objects renamed, the options it
 * reads from the script tag (src/shell/loader-options.ts) and the panel source's `load`
 * (src/shell/staged.ts), ~7 B brotli. Named one by one, not by a pattern: each occurs in the loader
 * only on those objects, never on the DOM, the public API, the kit or the shell the panel and the
 * teaser get (other names of the options, `lang`, `mode`, `theme`, `position`, `openChat` and
 * `teaser`, are also DOM, `attachShadow`, `dataset`, `data-strings` or shell properties, so they stay).
 */
const LOADER_TERSER: MinifyOptions = {
  mangle: { properties: { regex: /^(?:refused|primaryColor|launcher|load)$/ } },
};

/**
 * Puts back the long numbers of the script files' CSS that the CSS minifier rounded. Lightning CSS
 * prints a number inside a custom property with six significant digits, so launcher.css's
 * `--chatlet-z-index: 2147483000` shipped as 2147480000, 3,000 below the stacking the README
 * promises. Each number of seven digits or more in a stylesheet imported with `?inline` is
 * written back over its rounded print in that stylesheet's module (the same bytes, so free).
 */
const exactCssNumbers: Plugin = {
  name: 'chatlet-exact-css-numbers',
  enforce: 'post',
  transform(code, id) {
    if (!id.endsWith('.css?inline')) return null;
    let exact = code;
    const source = readFileSync(id.slice(0, -'?inline'.length), 'utf8');
    for (const [number] of source.matchAll(/(?<![\w.])\d{7,}(?![\w.])/g)) {
      const rounded = String(Number(Number(number).toPrecision(6)));
      if (rounded !== number) exact = exact.replaceAll(rounded, number);
    }
    return exact === code ? null : { code: exact, map: null };
  },
};

/**
 * Escapes every non-ASCII character of the shipped script: a host page in windows-1252 that serves
 * our file without a charset would otherwise show "Chat Ã¶ffnen". After minification, which would
 * turn the escapes back into raw UTF-8.
 */
const asciiOnly: Plugin = {
  name: 'chatlet-ascii-only',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      chunk.code = escapeNonAscii(chunk.code);
    }
  },
};

/**
 * Starts the loader with V8's explicit compile hint (`//# allFunctionsCalledOnLoad`, Chromium
 * 136+; other engines read a comment): every function of the file runs on the untouched visit
 * (the launcher, the handle, the listeners), and without the hint each is compiled lazily on the
 * page's main thread at its first call. With it, Chromium compiles them all while it streams the
 * file, off the main thread (docs/ARCHITECTURE.md, "What an untouched visit costs"). Last, as a
 * line of its own before the code; the source map gets an empty first line to match. ~3 B brotli.
 */
const compileHint: Plugin = {
  name: 'chatlet-compile-hint',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      chunk.code = `//# allFunctionsCalledOnLoad\n${chunk.code}`;
      const mapFile = bundle[`${chunk.fileName}.map`];
      if (mapFile?.type === 'asset' && typeof mapFile.source === 'string') {
        const map = JSON.parse(mapFile.source) as { mappings: string };
        map.mappings = `;${map.mappings}`;
        mapFile.source = JSON.stringify(map);
      }
    }
  },
};

/**
 * Exports of those modules that only the panel uses: it keeps its own copy of these. The loader
 * marks an attribute it cannot use and lets the panel word the error (src/shell/loader-options.ts),
 * so the worded checks are the panel's alone.
 */
const PANEL_ONLY = new Set(['isRetryable', 'isChatletError', 'resolveLanguage', 'loaderStrings']);
/**
 * Modules that both script-tag files need and the loader carries whole: the panel takes them from
 * the loader that inserted it instead of carrying a second copy (~0.5 KB brotli off the panel).
 * Each entry: the source file and its runtime exports, in one fixed order.
 */
const SHARED_WITH_PANEL = (
  [
    ['src/core/errors.ts', errors],
    ['src/core/languages.ts', languages],
    ['src/shell/limits.ts', limits],
    ['src/shell/report.ts', report],
    ['src/shell/styles.ts', styles],
    ['src/ui/launcher-label.ts', launcherLabel],
  ] as const
).map(([file, module]) => ({
  path: fileURLToPath(new URL(file, import.meta.url)),
  // Sorted, so the panel build and the loader build (two processes) agree on every position.
  names: Object.keys(module)
    .filter((name) => !PANEL_ONLY.has(name))
    // oxlint-disable-next-line unicorn/no-array-sort -- a fresh array; toSorted is not in this lib.
    .sort(),
  own: Object.keys(module).filter((name) => PANEL_ONLY.has(name)),
}));
/**
 * The handover of {@link SHARED_WITH_PANEL}, both sides written here from that one list, so the
 * positions always agree:
 * - in the loader, src/shell/panel-kit.ts gets the exports as an array (no property names to
 *   ship), which the loader hands to the panel it inserts (src/shell/panel-chunk.ts);
 * - in the panel, each shared module is replaced by one that reads its exports from that array,
 *   asked for with the `chatlet-kit-<version>` event when the panel starts.
 * Only in `vite build`: vitest and the npm build use the modules as they are.
 */
function shareWithPanel(side: 'loader' | 'panel'): Plugin {
  const kitId = '\0chatlet-kit';
  const kitFile = fileURLToPath(new URL('src/shell/panel-kit.ts', import.meta.url));
  const all = SHARED_WITH_PANEL.flatMap(({ names }) => names);
  return {
    name: `chatlet-share-with-panel-${side}`,
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (source === kitId) return kitId;
      if (side === 'loader' || importer === undefined || importer.startsWith('\0')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const shared = SHARED_WITH_PANEL.find(({ path }) => path === resolved?.id);
      return shared ? `\0chatlet-shared:${shared.path}` : null;
    },
    transform(code, id) {
      if (side !== 'loader' || id !== kitFile) return null;
      const imports = SHARED_WITH_PANEL.map(
        ({ path, names }) => `import { ${names.join(', ')} } from ${JSON.stringify(path)};`,
      );
      const filled = code.replace(
        /export const PANEL_KIT: readonly unknown\[\] = \[\];/,
        `export const PANEL_KIT: readonly unknown[] = [${all.join(', ')}];`,
      );
      if (filled === code) throw new Error(`${kitFile}: PANEL_KIT's declaration was not found.`);
      return { code: `${imports.join('\n')}\n${filled}`, map: null };
    },
    load(id) {
      if (id === kitId) {
        return [
          'const asked = {};',
          `document.dispatchEvent(new CustomEvent(${JSON.stringify(`chatlet-kit-${version}`)}, { detail: asked }));`,
          'if (!asked.kit) throw new Error("chatlet-panel.js runs only when chatlet.js of the same release inserts it; serve both files of one release side by side.");',
          'export const kit = asked.kit;',
        ].join('\n');
      }
      if (!id.startsWith('\0chatlet-shared:')) return null;
      const shared = SHARED_WITH_PANEL.find(({ path }) => id === `\0chatlet-shared:${path}`);
      if (shared === undefined) return null;
      const exports = shared.names.map((name: string) => `${name} = kit[${all.indexOf(name)}]`);
      // What only the panel uses comes from the module itself (the importer is this module, which
      // resolveId leaves alone), tree-shaken down to that.
      const { own } = shared;
      const reexport =
        own.length > 0 ? `export { ${own.join(', ')} } from ${JSON.stringify(shared.path)};\n` : '';
      return `import { kit } from ${JSON.stringify(kitId)};\nexport const ${exports.join(', ')};\n${reexport}`;
    },
  };
}

/**
 * The build of one script-tag file (loader, panel, teaser): a classic-script IIFE for every
 * visitor, minified, with a source map so a site owner's devtools show the sources (it costs the
 * visitor one comment line; the .map itself is fetched only with devtools open). The `name` is
 * required for an IIFE; the entries export nothing, so no global of that name is made.
 */
function scriptFile(entry: string, name: string, fileName: string) {
  return {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    lib: { entry, formats: ['iife' as const], name, fileName: () => fileName },
  };
}

export default defineConfig(({ mode, command }) => {
  if (mode === 'npm') {
    return {
      ...shared,
      plugins: [exactCssNumbers],
      build: {
        outDir: 'dist/npm',
        emptyOutDir: true,
        target: 'es2022',
        minify: false,
        // The stylesheets are strings inside that code (`?inline`), which no consumer's bundler
        // minifies: without this, their comments and indentation shipped in every site's bundle.
        cssMinify: true,
        // Readable, unminified ESM: a consumer's bundler maps its own output. Maps here were half
        // the package.
        sourcemap: false,
        lib: {
          entry: {
            index: 'src/embed/index.ts',
            element: 'src/embed/element.ts',
            react: 'src/frameworks/react.ts',
            vue: 'src/frameworks/vue.ts',
            proxy: 'src/proxy/index.ts',
            'proxy-node': 'src/proxy/node/index.ts',
            cli: 'src/demo/cli.ts',
            'demo-start': 'src/demo/start.ts',
          },
          formats: ['es' as const],
        },
        rolldownOptions: {
          // Optional peer dependencies; redis is imported only when CHATLET_REDIS_URL is set.
          external: [
            /^preact(\/|$)/,
            /^@preact\//,
            /^node:/,
            /^react(\/|$)/,
            /^vue$/,
            /^redis$/,
            /^@redis\//,
          ],
        },
      },
    };
  }
  if (mode === 'panel') {
    return {
      ...shared,
      define: {
        ...shared.define,
        // @preact/signals' devtools hook: no devtools extension reads a site's widget (~35 B).
        'window.__PREACT_SIGNALS_DEVTOOLS__': 'undefined',
      },
      // Without `browser`: @preact/signals ships its ES5-style build under that condition and its
      // modern one (arrows, const, spread: ~75 B smaller) under `import`; es2022 is our target.
      resolve: { conditions: ['module', 'development|production'] },
      // Preact's `h` for JSX rather than its JSX runtime: the runtime's `jsx()` is a second vnode
      // constructor beside `h`, which Preact itself and @preact/signals need anyway (~50 B).
      oxc: {
        ...shared.oxc,
        jsx: { runtime: 'classic' as const, pragma: '__jsx' },
        jsxInject: "import { h as __jsx } from 'preact'",
      },
      plugins: [
        shareWithPanel('panel'),
        exactCssNumbers,
        checkOwnProperties,
        squeeze(PANEL_TERSER),
        asciiOnly,
        emitLocaleFiles,
        emitLanguagePanels,
      ],
      // The first of the script files' builds empties dist/.
      build: {
        ...scriptFile('src/embed/panel-entry.ts', 'ChatletPanel', 'chatlet-panel.js'),
        emptyOutDir: true,
        // The README's browsers, not ES2022's: no prefix they do not need (`-moz-fit-content`).
        cssTarget: ['chrome108', 'edge108', 'firefox101', 'safari15.4'],
      },
    };
  }
  if (mode === 'teaser') {
    return {
      ...shared,
      plugins: [exactCssNumbers, squeeze(), asciiOnly],
      build: scriptFile('src/shell/teaser-entry.ts', 'ChatletTeaser', 'chatlet-teaser.js'),
    };
  }
  return {
    ...shared,
    define: {
      ...shared.define,
      // Not under vitest, which uses this configuration too and runs the npm entries' code.
      __CHATLET_LOADER__: JSON.stringify(command === 'build'),
      __CHATLET_PANEL_INTEGRITY__: JSON.stringify(
        integrityOf('chatlet-panel.js', 'panel', command === 'build'),
      ),
      __CHATLET_TEASER_INTEGRITY__: JSON.stringify(
        integrityOf('chatlet-teaser.js', 'teaser', command === 'build'),
      ),
    },
    plugins: [
      shareWithPanel('loader'),
      exactCssNumbers,
      squeeze(LOADER_TERSER),
      asciiOnly,
      compileHint,
    ],
    // Lightning CSS (the CSS minifier) follows every `color-scheme` with two custom properties for
    // its light-dark() fallback, which the loader's CSS never uses (~15 B): `Features.LightDark` of
    // the lightningcss package, excluded from its transforms.
    css: { lightningcss: { exclude: 1 << 20 } },
    build: scriptFile('src/shell/script-tag.ts', 'ChatletScriptTag', 'chatlet.js'),
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'node',
            environment: 'node',
            include: ['test/{core,client,proxy,demo,ssr}/**/*.test.ts'],
          },
        },
        {
          extends: true,
          test: {
            name: 'dom',
            environment: 'jsdom',
            include: ['test/{ui,shell,embed,frameworks}/**/*.test.{ts,tsx}'],
          },
        },
        {
          // Tests of the BUILT package (dist/), run after `npm run build`.
          extends: true,
          test: {
            name: 'built',
            environment: 'node',
            include: ['test/built/**/*.test.ts'],
          },
        },
      ],
    },
  };
});
