/** Where no frame comes (a hidden tab draws none), the callback runs after this long anyway. */
const NO_FRAME_MS = 100;

/**
 * Runs `callback` once, at the start of the next frame: after the current task (so input that
 * waits is handled first) and before that frame's style, layout and paint (so what it draws is on
 * screen in the same frame as what the current task drew). Returns the cancel; a callback that ran
 * or was cancelled is not run again.
 */
export function beforeNextFrame(callback: () => void): () => void {
  let pending = true;
  const cancel = (): void => {
    pending = false;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
  const run = (): void => {
    if (!pending) return;
    cancel();
    callback();
  };
  const frame = requestAnimationFrame(run);
  const timer = setTimeout(run, NO_FRAME_MS);
  return cancel;
}
