import { defineConfig } from 'vitest/config';

/**
 * Two builds, chosen by `--mode`:
 * - default: `dist/chatlet.js`, the self-contained IIFE a site owner loads with one script tag;
 * - `npm`:   `dist/npm/*.js`, the ESM entries of the package (Preact external) and the Node proxy.
 * `npm run build` runs both, then emits the `.d.ts` files with `tsc -p tsconfig.build.json`.
 */
const jsx = { oxc: { jsx: { runtime: 'automatic' as const, importSource: 'preact' } } };

export default defineConfig(({ mode }) => {
  if (mode === 'npm') {
    return {
      ...jsx,
      publicDir: false as const,
      build: {
        outDir: 'dist/npm',
        emptyOutDir: true,
        target: 'es2022',
        minify: false,
        sourcemap: true,
        lib: {
          entry: {
            index: 'src/embed/index.ts',
            element: 'src/embed/element.ts',
            proxy: 'src/proxy/index.ts',
            'proxy-node': 'src/proxy/node/index.ts',
            cli: 'src/proxy/node/cli.ts',
            'demo-start': 'src/demo/start.ts',
          },
          formats: ['es' as const],
        },
        rolldownOptions: {
          external: [/^preact(\/|$)/, /^@preact\//, /^node:/],
        },
      },
    };
  }
  return {
    ...jsx,
    // public/ holds the demo pages, served by `npm start`; they are not part of the bundle.
    publicDir: false as const,
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2020',
      minify: true,
      lib: {
        entry: 'src/embed/script-tag.ts',
        formats: ['iife' as const],
        name: 'ChatletScriptTag',
        fileName: () => 'chatlet.js',
      },
    },
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'node',
            environment: 'node',
            include: ['test/{core,client,proxy,demo}/**/*.test.ts'],
          },
        },
        {
          extends: true,
          test: {
            name: 'dom',
            environment: 'jsdom',
            include: ['test/{ui,embed}/**/*.test.{ts,tsx}'],
          },
        },
      ],
    },
  };
});
