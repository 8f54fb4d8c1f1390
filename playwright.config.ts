import { defineConfig } from '@playwright/test';
import type { CrossEngineOptions } from './e2e/cross-engine/fixtures.ts';

/**
 * The shared scenarios only: Firefox and WebKit are driven by their own tools (e2e/cross-engine).
 * A RegExp on the full path, since a relative glob here matched every spec.
 */
const CROSS_ENGINE = /\/e2e\/cross-engine\/[^/]+\.spec\.ts$/;

/**
 * E2E runs the built bundle (`dist/`) in Debian's Chromium: Playwright's own browser download cannot
 * work on these machines. Each spec starts the servers it needs on loopback (see e2e/support).
 * The cross-engine scenarios run in Chromium with the rest, then in Debian's Firefox ESR and
 * WebKitGTK (one browser start per engine).
 */
export default defineConfig<CrossEngineOptions>({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env['CHATLET_PW_JSON']
    ? [['list'], ['json', { outputFile: process.env['CHATLET_PW_JSON'] }]]
    : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'off',
  },
  projects: [
    { name: 'chromium', testMatch: '**/*.spec.ts' },
    { name: 'firefox', testMatch: CROSS_ENGINE, use: { engineName: 'firefox' } },
    { name: 'webkit', testMatch: CROSS_ENGINE, use: { engineName: 'webkit' } },
  ],
});
