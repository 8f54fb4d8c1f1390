// Where the benchmarks find Chatlet's build. `npm run bench` builds first; `CHATLET_DIST` points the
// scripts at another build (e.g. one made with `vite build --outDir`) without touching dist/.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The widget build folder (top level: the script-tag files; `npm/`: the package's ESM entries). */
export const DIST = process.env.CHATLET_DIST
  ? resolve(process.env.CHATLET_DIST)
  : join(REPO, 'dist');

/** The script a site owner's tag loads: the loader once the widget is split in two. */
export const LOADER = join(DIST, 'chatlet.js');

/**
 * Every top-level `.js` and `.css` file of the build that one visitor can load, in one of the two
 * ways the loader loads the panel (src/shell/panel-chunk.ts): unpinned, the panel with the
 * widget's language in one file (`chatlet-panel-<lang>.js`); pinned (the loader's tag carries
 * `integrity`), the panel alone, the language files' hashes and the language's own file. The
 * teaser's file is in both.
 * @param {string} [lang] the widget's language
 * @param {boolean} [pinned] whether the loader's tag carries `integrity`
 * @returns {string[]} file names relative to {@link DIST}, the loader first
 */
export function scriptTagFiles(lang = 'en', pinned = false) {
  if (!existsSync(DIST)) return [];
  const wanted = pinned
    ? ['chatlet-panel.js', 'chatlet-integrity.js', `chatlet-${lang}.js`]
    : [`chatlet-panel-${lang}.js`];
  const otherPath = (name) =>
    /^chatlet-(panel|integrity|panel-[a-z]{2}|[a-z]{2})\.js$/.test(name) && !wanted.includes(name);
  const names = readdirSync(DIST, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(js|css)$/.test(entry.name) && !otherPath(entry.name))
    .map((entry) => entry.name)
    .toSorted();
  return names.toSorted((a, b) => Number(b === 'chatlet.js') - Number(a === 'chatlet.js'));
}

/** The message printed when the widget has not been built, so a bench row says why it is empty. */
export const NOT_BUILT = `not built: ${LOADER} is missing (run \`npm run build\`)`;
