/**
 * Phones (≤ 480 px): while the panel is open it fills the screen, so the page behind must not
 * scroll, and its height must follow the *visual* viewport — the part the on-screen keyboard
 * leaves — or the composer ends up under the keyboard (iOS Safari does not resize the layout
 * viewport). Returns the stop function; doing nothing on wider screens.
 */
export function followVisualViewport(host: HTMLElement, win: Window = window): () => void {
  if (!win.matchMedia?.('(max-width: 480px)').matches) return () => {};
  const root = win.document.documentElement;
  const previousOverflow = root.style.overflow;
  root.style.overflow = 'hidden';
  const viewport = win.visualViewport;
  const sync = (): void => {
    if (!viewport) return;
    host.style.setProperty('--chatlet-viewport-height', `${viewport.height}px`);
    host.style.setProperty('--chatlet-viewport-top', `${viewport.offsetTop}px`);
  };
  sync();
  viewport?.addEventListener('resize', sync);
  viewport?.addEventListener('scroll', sync);
  return () => {
    viewport?.removeEventListener('resize', sync);
    viewport?.removeEventListener('scroll', sync);
    host.style.removeProperty('--chatlet-viewport-height');
    host.style.removeProperty('--chatlet-viewport-top');
    root.style.overflow = previousOverflow;
  };
}
