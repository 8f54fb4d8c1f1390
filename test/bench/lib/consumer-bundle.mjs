// What `import … from 'chatlet'` adds to a site's own bundle: a tiny app is built with Vite (the
// bundler of the React and Vue templates), with the package installed as a consumer has it (its
// package.json, `exports` and `sideEffects`, and the built dist/), and the output is split into
// what the page loads at once and what it loads later through a dynamic import(). Used by
// `npm run bench` (size of the consumer bundle) and test/size-budget.mjs (its budget).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { build } from 'vite';
import { DIST, REPO } from './chatlet.mjs';

/** The page's own code in every variant, so the variants differ only by what they import. */
const PAGE = `document.body.append(Object.assign(document.createElement('h1'), { textContent: 'Shop' }));\n`;

/** The consumer apps measured: the page alone, then with each way of importing Chatlet. */
export const VARIANTS = {
  'page alone': PAGE,
  "type-only import (import type { ChatletHandle } from 'chatlet')": `import type { ChatletHandle } from 'chatlet';\n${PAGE}`,
  "isChatletError only (import { isChatletError } from 'chatlet')": `import { isChatletError } from 'chatlet';\n${PAGE}window.addEventListener('error', (event) => isChatletError(event.error) && console.warn(event.error.code));\n`,
  "createChatlet (import { createChatlet } from 'chatlet')": `import { createChatlet } from 'chatlet';\n${PAGE}createChatlet({ endpoint: '/chat' });\n`,
  "<chatlet-widget> (import 'chatlet/element')": `import 'chatlet/element';\n${PAGE}document.body.append(Object.assign(document.createElement('chatlet-widget'), { id: 'chat' }));\n`,
};

/** A React 19 app's first render, without and with `<Chatlet>` of `chatlet/react`. */
const REACT_PAGE = `import { createElement as h } from 'react';\nimport { createRoot } from 'react-dom/client';\n`;
export const REACT_VARIANTS = {
  'React app alone': `${REACT_PAGE}createRoot(document.body).render(h('h1', null, 'Shop'));\n`,
  "React app with <Chatlet> (import { Chatlet } from 'chatlet/react')": `${REACT_PAGE}import { Chatlet } from 'chatlet/react';\ncreateRoot(document.body).render(h('main', null, h('h1', null, 'Shop'), h(Chatlet, { endpoint: '/chat' })));\n`,
};

const brotli = (bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
/** Raw, gzip and brotli bytes of some chunks, each compressed on its own as it is served. */
function measure(codes) {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const code of codes) {
    const bytes = Buffer.from(code);
    total.raw += bytes.length;
    total.gzip += gzipSync(bytes, { level: 9 }).length;
    total.brotli += brotli(bytes);
  }
  return total;
}

/**
 * A folder where `chatlet` resolves as it would from the registry: the package's own package.json
 * and the build (DIST, possibly elsewhere: `CHATLET_DIST`) under node_modules/chatlet, and its
 * dependencies (Preact, signals) beside it.
 */
function consumerFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'chatlet-consumer-bundle-'));
  const pkg = join(dir, 'node_modules', 'chatlet');
  mkdirSync(pkg, { recursive: true });
  copyFileSync(join(REPO, 'package.json'), join(pkg, 'package.json'));
  symlinkSync(DIST, join(pkg, 'dist'), 'dir');
  for (const dependency of ['preact', '@preact', 'react', 'react-dom', 'scheduler']) {
    symlinkSync(join(REPO, 'node_modules', dependency), join(dir, 'node_modules', dependency));
  }
  return dir;
}

/**
 * Builds each variant (`{ name: source }`, TypeScript allowed) as a production Vite app and returns,
 * per variant, the chunks loaded at once (`initial`: the entry and its static imports) and those
 * loaded through dynamic imports (`lazy`), minified as Vite ships them, and whether Preact is in
 * the initial chunks.
 */
export async function bundleConsumers(variants = VARIANTS) {
  const dir = consumerFolder();
  try {
    const results = {};
    for (const [name, source] of Object.entries(variants)) {
      const entry = join(dir, 'main.ts');
      writeFileSync(entry, source);
      const output = await build({
        configFile: false,
        root: dir,
        logLevel: 'silent',
        // Keeps node_modules/chatlet/dist where it is, so `chatlet` is read as an installed package.
        resolve: { preserveSymlinks: true },
        build: {
          write: false,
          modulePreload: { polyfill: false },
          rolldownOptions: { input: entry },
        },
      });
      const chunks = (Array.isArray(output) ? output : [output])
        .flatMap((result) => result.output)
        .filter((file) => file.type === 'chunk');
      const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const initial = new Set();
      const visit = (chunk) => {
        if (!chunk || initial.has(chunk)) return;
        initial.add(chunk);
        for (const imported of chunk.imports) visit(byName.get(imported));
      };
      chunks.filter((chunk) => chunk.isEntry).forEach(visit);
      const lazy = chunks.filter((chunk) => !initial.has(chunk));
      const hasPreact = [...initial].some((chunk) =>
        chunk.moduleIds.some((id) => /[\\/]node_modules[\\/](preact|@preact)[\\/]/.test(id)),
      );
      results[name] = {
        initial: measure([...initial].map((chunk) => chunk.code)),
        lazy: lazy.map((chunk) => ({ fileName: chunk.fileName, ...measure([chunk.code]) })),
        hasPreact,
      };
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
