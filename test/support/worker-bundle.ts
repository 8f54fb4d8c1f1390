import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

/** The Worker entry bundled into one ES module, as `wrangler deploy` would upload it. */
export interface WorkerBundle {
  /** The directory holding it; Miniflare's `modulesRoot`. */
  dir: string;
  /** The bundle itself; Miniflare's `scriptPath`. */
  scriptPath: string;
  /** Deletes the bundle. */
  remove(): Promise<void>;
}

/** Bundles `src/proxy/worker.ts` into a fresh temporary directory. */
export async function bundleWorker(): Promise<WorkerBundle> {
  const dir = await mkdtemp(join(tmpdir(), 'chatlet-worker-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    build: {
      outDir: dir,
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      lib: { entry: 'src/proxy/worker.ts', formats: ['es'], fileName: () => 'worker.js' },
    },
  });
  return {
    dir,
    scriptPath: join(dir, 'worker.js'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
