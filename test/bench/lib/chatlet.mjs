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
 * Every top-level `.js` and `.css` file of the build that one visitor can load: all of them but the
 * language files (`chatlet-<lang>.js`) of the languages the widget does not speak.
 * @param {string} [lang] the widget's language
 * @returns {string[]} file names relative to {@link DIST}, the loader first
 */
export function scriptTagFiles(lang = 'en') {
  if (!existsSync(DIST)) return [];
  const otherLanguage = (name) =>
    /^chatlet-[a-z]{2}\.js$/.test(name) && name !== `chatlet-${lang}.js`;
  const names = readdirSync(DIST, { withFileTypes: true })
    .filter(
      (entry) => entry.isFile() && /\.(js|css)$/.test(entry.name) && !otherLanguage(entry.name),
    )
    .map((entry) => entry.name)
    .toSorted();
  return names.toSorted((a, b) => Number(b === 'chatlet.js') - Number(a === 'chatlet.js'));
}

/** The message printed when the widget has not been built, so a bench row says why it is empty. */
export const NOT_BUILT = `not built: ${LOADER} is missing (run \`npm run build\`)`;
