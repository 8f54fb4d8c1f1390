import { ChatletError } from '../core/errors.ts';

// True in the loader's own build only (vite.config.ts).
declare const __CHATLET_LOADER__: boolean;

/**
 * Puts `css` into the shadow root: a constructable stylesheet where the browser supports adopting
 * one (parsed once, no extra DOM node; every browser that adopts sheets also has `replaceSync`,
 * and from the oldest one Chatlet supports on, `adoptedStyleSheets` is an array that `push`
 * changes), else a `<style>` element (older Safari, jsdom). Nothing undoes it: the shadow root
 * goes with its host, and the one host that outlives a widget, `<chatlet-widget>`, empties its
 * root itself before it mounts again (host-style.ts resetHost).
 *
 * A page whose CSP `style-src` refuses `<style>` elements leaves that fallback without a sheet, and
 * the widget unstyled is a grey button under the footer that opens a dialog across the page: then
 * this throws a config error (the widget is not shown, and its host goes) naming the directive to
 * change. jsdom gives shadow roots no `styleSheets` (nor their `<style>`s a sheet), so it is not
 * mistaken for that page.
 */
export function adoptStyles(root: ShadowRoot, css: string): void {
  if (root.adoptedStyleSheets) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets.push(sheet);
    return;
  }
  const style = document.createElement('style');
  style.textContent = css;
  root.prepend(style);
  // Every browser Chatlet supports gives shadow roots `styleSheets` (MDN's compatibility data:
  // https://developer.mozilla.org/docs/Web/API/ShadowRoot/styleSheets), so only jsdom needs the
  // test, and the loader's own build (vite.config.ts) compiles it out.
  if ((__CHATLET_LOADER__ || 'styleSheets' in root) && !style.sheet) {
    throw new ChatletError(
      'config',
      "not shown: the page's Content-Security-Policy blocks the <style> this browser needs. Add 'unsafe-inline' to style-src.",
    );
  }
}
