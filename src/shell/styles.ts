/**
 * Puts `css` into the shadow root: a constructable stylesheet where the browser supports adopting
 * one (parsed once, no extra DOM node), else a `<style>` element (older Safari, jsdom). Returns
 * the undo, so destroy() leaves the root as it found it.
 */
export function adoptStyles(root: ShadowRoot, css: string): () => void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return () => {
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((item) => item !== sheet);
    };
  }
  const style = document.createElement('style');
  style.textContent = css;
  root.prepend(style);
  return () => style.remove();
}
