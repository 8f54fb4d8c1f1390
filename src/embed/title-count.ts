/**
 * While the tab is hidden, counts replies in front of the page's title, "(2) Shop", the way mail and
 * chat apps do, and takes the count away when the visitor is back. No sound. A title the page
 * changes meanwhile (a single-page app's route) is respected: the count goes in front of the new one.
 * Returns the reply hook and the undo.
 */
export function countInTitle(): { reply(): void; remove(): void } {
  let count = 0;
  let base = '';
  let shown = '';
  const clear = (): void => {
    if (count > 0 && document.title === shown) document.title = base;
    count = 0;
  };
  const onVisibility = (): void => {
    if (document.visibilityState === 'visible') clear();
  };
  document.addEventListener('visibilitychange', onVisibility);
  return {
    reply() {
      if (document.visibilityState === 'visible') return;
      if (count === 0 || document.title !== shown) base = document.title;
      count += 1;
      shown = `(${count}) ${base}`;
      document.title = shown;
    },
    remove() {
      clear();
      document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
