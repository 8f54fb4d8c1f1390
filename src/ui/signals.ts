import { options } from 'preact';

/**
 * The panel's reactive state in ~0.4 KB brotli instead of @preact/signals' 2.2 KB: `signal`,
 * `computed` and `effect` with the same names and the `.value` / `.peek()` interface, and
 * components that re-render when a signal they read while rendering changes. Enough for what
 * the panel does, which is all it needs to be (docs/ARCHITECTURE.md, "Script-tag bytes"):
 * - a write notifies at once, synchronously, as @preact/signals does outside a batch; a computed
 *   is recomputed eagerly when a source changes and notifies only when its value changed;
 * - no batching, no signals as JSX children or DOM props (read `.value` instead), no cycle
 *   detection; a component re-render is Preact's `setState`, which Preact already defers.
 */

/** Something that reads signals and wants to hear when they change: an effect, a computed, a component. */
interface Observer {
  /** The signals read during the last run, so a re-run starts from a clean slate. */
  deps: Set<Signal<unknown>>;
  notify(): void;
}

/** The observer whose run is reading signals now. */
let current: Observer | undefined;

const unsubscribe = (observer: Observer): void => {
  for (const dep of observer.deps) dep.o.delete(observer);
  observer.deps.clear();
};

/** Runs `fn` with `observer` recording what it reads (from scratch). */
const track = <T>(observer: Observer, fn: () => T): T => {
  const outer = current;
  unsubscribe(observer);
  current = observer;
  try {
    return fn();
  } finally {
    current = outer;
  }
};

/** A value that tells whoever read it when it changes. */
export class Signal<T> {
  /** The value. */
  private v: T;
  /** Who read it; internal to this module. */
  o = new Set<Observer>();
  constructor(value: T) {
    this.v = value;
  }
  /** The value; read in a component, effect or computed, it subscribes that reader. */
  get value(): T {
    if (current) {
      this.o.add(current);
      current.deps.add(this as Signal<unknown>);
    }
    return this.v;
  }
  set value(value: T) {
    if (Object.is(value, this.v)) return;
    this.v = value;
    // A copy: a re-run unsubscribes and subscribes again, which a live Set would visit anew.
    for (const observer of Array.from(this.o)) observer.notify();
  }
  /** The value, without subscribing. */
  peek(): T {
    return this.v;
  }
}

/** A signal that only this module's owner writes. */
export interface ReadonlySignal<T> {
  readonly value: T;
  peek(): T;
}

/** A signal holding `value`. */
export const signal = <T>(value: T): Signal<T> => new Signal(value);

/** A signal that holds `fn()` and follows the signals `fn` reads. */
export function computed<T>(fn: () => T): ReadonlySignal<T> {
  const observer: Observer = {
    deps: new Set(),
    notify: () => (result.value = track(observer, fn)),
  };
  const result = new Signal(track(observer, fn));
  return result;
}

/**
 * Runs `fn` now and again whenever a signal it read changes; what it returns is called before
 * the next run and on disposal. Returns the disposal.
 */
export function effect(fn: () => void | (() => void)): () => void {
  let cleanup: void | (() => void);
  let ended = false;
  const observer: Observer = {
    deps: new Set(),
    notify() {
      if (ended) return;
      cleanup?.();
      cleanup = track(observer, fn);
    },
  };
  observer.notify();
  return () => {
    ended = true;
    unsubscribe(observer);
    cleanup?.();
  };
}

/*
 * Components. Preact calls its `__r` option hook right before a component renders; what the
 * component reads until the next vnode's diff starts (`__b`), the render ends (`diffed`) or it
 * throws (`__e`) subscribes it, and a change re-renders it with `setState`. The names are
 * Preact's stable mangled option names (the ones @preact/signals hooks too).
 */
type Hook = (vnode: HookedVNode) => void;
interface HookedVNode {
  /** The component instance (Preact's mangled `_component`). */
  [COMPONENT]?: ({ setState(state: object): void } & { [OBSERVER]?: Observer }) | null;
}
const COMPONENT = '__c';
/** Where a component keeps its observer; a name of ours beside Preact's own. */
const OBSERVER = '__o';
const hooks = options as unknown as Record<string, Hook | undefined>;
let rendering = false;
let outside: Observer | undefined;
const stop = (): void => {
  if (rendering) current = outside;
  rendering = false;
};
/** Puts `hook` in front of whatever Preact option hook `name` already holds. */
const wrap = (name: string, hook: Hook, after = false): void => {
  const old = hooks[name];
  hooks[name] = (...args) => {
    if (!after) hook(...args);
    (old as ((...rest: unknown[]) => void) | undefined)?.(...args);
    if (after) hook(...args);
  };
};
// Diff starts (`__b`), a vnode is done (`diffed`), an error is caught (`__e`).
for (const name of ['__b', 'diffed', '__e']) wrap(name, stop);
// Render (`__r`): after the hooks' own `__r`, which sets up the component's hook state.
wrap(
  '__r',
  (vnode) => {
    stop();
    const component = vnode[COMPONENT];
    if (!component) return;
    const observer = (component[OBSERVER] ??= {
      deps: new Set(),
      notify: () => component.setState({}),
    });
    unsubscribe(observer);
    outside = current;
    current = observer;
    rendering = true;
  },
  true,
);
wrap('unmount', (vnode) => {
  const observer = vnode[COMPONENT]?.[OBSERVER];
  if (observer) unsubscribe(observer);
});
