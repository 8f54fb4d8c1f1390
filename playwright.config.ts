import { defineConfig } from '@playwright/test';

/**
 * E2E runs the built bundle (`dist/`) in Debian's Chromium: Playwright's own browser download cannot
 * work on these machines. Each spec starts the servers it needs on loopback (see e2e/support).
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
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
});
