import { test } from './fixtures.ts';
import { featureScenarios } from './features.scenarios.ts';
import { inlineScenarios } from './inline.scenarios.ts';
import { pageScenarios } from './pages.scenarios.ts';
import { visitorScenarios } from './visitor.scenarios.ts';

/**
 * The cross-engine suite: one list of scenarios against the BUILT files and the real proxy, run by
 * three projects of playwright.config.ts — Chromium (Playwright), Firefox ESR (WebDriver BiDi
 * through puppeteer-core) and WebKitGTK (WebKitWebDriver through selenium-webdriver).
 */
test.describe('cross-engine (built bundle, real proxy)', () => {
  for (const scenario of [
    ...visitorScenarios,
    ...pageScenarios,
    ...featureScenarios,
    ...inlineScenarios,
  ]) {
    test(scenario.name, ({ stage }) => {
      test.fixme(scenario.pending !== undefined, scenario.pending);
      return scenario.run(stage);
    });
  }
});
