/**
 * Everything one widget set up, undone by one call. The host, the shell, the panel stage and the
 * page listeners each register the undo of the step they just took; destroy() (or a refused
 * option) ends the lifecycle, which undoes them last-first. A stage that arrives after the end
 * (a slow panel chunk) registers into an ended lifecycle and is undone at once.
 */
export interface Lifecycle {
  /** Registers the undo of a step just taken; runs it at once when the lifecycle has ended. */
  add(undo: () => void): void;
  /** Whether end() has run. */
  readonly ended: boolean;
  /** Undoes every registered step, last first; later calls do nothing. */
  end(): void;
}

/** A lifecycle with nothing registered yet. */
export function createLifecycle(): Lifecycle {
  const undos: Array<() => void> = [];
  const life = {
    ended: false,
    add(undo: () => void): void {
      if (life.ended) undo();
      else undos.push(undo);
    },
    end(): void {
      // No guard for a second call: once ended, add() runs each undo at once instead of keeping
      // it, so `undos` is empty then and a later end() finds nothing to undo.
      life.ended = true;
      while (undos.length) (undos.pop() as () => void)();
    },
  };
  return life;
}
