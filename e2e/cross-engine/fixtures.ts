import { test as base } from '@playwright/test';
import { chromiumEngine } from './chromium.ts';
import { firefoxEngine } from './firefox.ts';
import { startStage, type Stage } from './stage.ts';
import type { Engine } from './tab.ts';
import { webkitEngine } from './webkit.ts';

/** The engines the cross-engine scenarios run in, one Playwright project each. */
export type EngineName = 'chromium' | 'firefox' | 'webkit';

/** The project option that picks the engine (playwright.config.ts). */
export interface CrossEngineOptions {
  engineName: EngineName;
}

/**
 * `engine` is started once per worker (so once per engine: the run has one worker) and `stage`
 * per test. Chromium is launched through Playwright with the config's launch options, the others
 * through their own drivers; none uses Playwright's `page`, so a Firefox run starts no Chromium.
 */
export const test = base.extend<{ stage: Stage }, CrossEngineOptions & { engine: Engine }>({
  engineName: ['chromium', { option: true, scope: 'worker' }],
  engine: [
    async ({ engineName, playwright, launchOptions }, use) => {
      const engine =
        engineName === 'firefox'
          ? await firefoxEngine()
          : engineName === 'webkit'
            ? await webkitEngine()
            : await chromiumEngine(await playwright.chromium.launch(launchOptions));
      console.log(`cross-engine: ${engine.version}`);
      await use(engine);
      await engine.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  stage: async ({ engine }, use) => {
    const { stage, end } = await startStage(engine);
    await use(stage);
    await end();
  },
});

export { expect } from '@playwright/test';
