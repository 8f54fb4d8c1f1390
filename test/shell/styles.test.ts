import { afterEach, describe, expect, it, vi } from 'vitest';
import { readLoaderOptions } from '../../src/shell/loader-options.ts';
import { mountStaged } from '../../src/shell/staged.ts';
import { adoptStyles } from '../../src/shell/styles.ts';
import { teaserFrom } from './teaser-source.ts';

/**
 * jsdom has no constructable stylesheets, so these run the `<style>` fallback. It also gives shadow
 * roots no `styleSheets` and their `<style>`s no sheet; a real browser has both, and a `<style>` that
 * the page's CSP refuses has no sheet. The tests give the shadow root `styleSheets` to be that
 * browser, and the style element a sheet or none.
 */
function asBrowser(styleApplies: boolean): void {
  Object.defineProperty(ShadowRoot.prototype, 'styleSheets', {
    configurable: true,
    get: () => [],
  });
  vi.spyOn(HTMLStyleElement.prototype, 'sheet', 'get').mockReturnValue(
    styleApplies ? ({} as CSSStyleSheet) : null,
  );
}

function shadowRoot(): ShadowRoot {
  const host = document.createElement('div');
  document.body.append(host);
  return host.attachShadow({ mode: 'open' });
}

const read = (name: string): string | null => (name === 'data-endpoint' ? '/chat' : null);
const neverLoaded = () => new Promise<never>(() => {});

afterEach(() => {
  Reflect.deleteProperty(ShadowRoot.prototype, 'styleSheets');
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('styles through the <style> fallback', () => {
  it('jsdom itself is not taken for a page whose CSP refuses them', () => {
    const root = shadowRoot();
    adoptStyles(root, 'b { color: red }');
    expect(root.querySelector('style')?.textContent).toBe('b { color: red }');
  });

  it('a browser that applied the <style> keeps it', () => {
    asBrowser(true);
    const root = shadowRoot();
    adoptStyles(root, 'b { color: red }');
    expect(root.querySelector('style')).not.toBeNull();
  });

  it('a <style> the CSP refused is a config error naming the directive', () => {
    asBrowser(false);
    const root = shadowRoot();
    expect(() => adoptStyles(root, 'b { color: red }')).toThrow(
      expect.objectContaining({
        code: 'config',
        message: expect.stringMatching(/Content-Security-Policy.*'unsafe-inline' to style-src/),
      }),
    );
  });

  it('the script-tag widget then leaves nothing on the page, not even its host', () => {
    asBrowser(false);
    expect(() =>
      mountStaged(document.body, readLoaderOptions(read, ''), read, {
        load: neverLoaded,
        teaser: teaserFrom(read),
      }),
    ).toThrow(/style-src/);
    expect(document.querySelector('chatlet-widget')).toBeNull();
  });
});
