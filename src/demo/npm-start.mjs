// `npm start`: builds only when dist/ is older than the sources (a fresh clone, or an edit since the
// last build), quietly — one line, the bundler's output only if the build fails — then runs the
// built demo server (dist/npm/demo-start.js). Plain JavaScript because it runs before any build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('../../', import.meta.url).pathname;
const built = join(root, 'dist/npm/demo-start.js');
const inputs = [
  'src',
  'public',
  'vite.config.ts',
  'package.json',
  'tsconfig.json',
  'tsconfig.build.json',
];

/** The newest modification time under `path`, in ms. */
function newest(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const stale =
  !existsSync(built) ||
  inputs.some(
    (input) => existsSync(join(root, input)) && newest(join(root, input)) > statSync(built).mtimeMs,
  );
if (stale) {
  console.log('Building Chatlet (dist/ is older than the sources)…');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) {
    process.stdout.write(build.stdout);
    process.stderr.write(build.stderr);
    console.error('npm start: the build failed (its output is above).');
    process.exit(1);
  }
}
const { main } = await import(pathToFileURL(built).href);
await main();
