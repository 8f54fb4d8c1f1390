// Runs inside the benchmarked page before any of its scripts (Playwright addInitScript): records
// long tasks and layout shifts, and the moment each watched element first becomes visible, in
// `performance.now()` time (ms since navigation start). Elements are found by a `path` of shadow
// hosts and a selector, so one watcher serves Chatlet and the peers alike.

/**
 * @typedef {object} Target
 * @property {string[]} path        CSS selectors of the shadow hosts to descend through, outermost first
 * @property {string} selector      the element inside the innermost root
 * @property {string} [name]        its accessible name must be this (aria-label, label, text, placeholder)
 * @property {boolean} [focused]    it must also have the focus
 * @property {string} [contains]    its text must contain this
 * @property {boolean} [afterClick] only watched once the visitor has pressed the pointer
 */

/**
 * The init script. Must not close over anything: Playwright serialises it.
 * @param {Record<string, Target | undefined>} targets  `panel` (and any `afterClick` target) is
 *   watched only after the first pointer press
 */
export function instrument(targets) {
  const bench = {
    longTasks: /** @type {number[]} */ ([]),
    cls: 0,
    shifts: 0,
    /** @type {Record<string, number>} */
    marks: {},
    /** @type {number | undefined} */
    pointerDownAt: undefined,
  };
  Object.defineProperty(window, 'chatletBench', { value: bench });

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // @ts-ignore layout-shift entries carry value and hadRecentInput
      if (entry.hadRecentInput) continue;
      // @ts-ignore
      bench.cls += entry.value;
      bench.shifts += 1;
    }
  }).observe({ type: 'layout-shift', buffered: true });
  addEventListener('pointerdown', (event) => (bench.pointerDownAt ??= event.timeStamp), true);

  /** @param {Element} element */
  const nameOf = (element) =>
    (
      element.getAttribute('aria-label') ??
      // @ts-ignore inputs and textareas have labels
      element.labels?.[0]?.textContent ??
      element.getAttribute('placeholder') ??
      element.textContent ??
      ''
    ).trim();
  const deepActive = () => {
    let active = document.activeElement;
    while (active && rootOf(active)?.activeElement) active = rootOf(active)?.activeElement ?? null;
    return active;
  };
  // Closed shadow roots too: the patched attachShadow below remembers every root by its host.
  /** @type {WeakMap<Element, ShadowRoot>} */
  const shadowRoots = new WeakMap();
  /** @param {Element | null | undefined} host */
  const rootOf = (host) => (host ? (host.shadowRoot ?? shadowRoots.get(host)) : undefined);
  /** @param {Target} target */
  const find = (target) => {
    /** @type {Document | ShadowRoot | null | undefined} */
    let root = document;
    for (const host of target.path) root = rootOf(root?.querySelector(host));
    if (!root) return undefined;
    for (const element of root.querySelectorAll(target.selector)) {
      if (target.name !== undefined && nameOf(element) !== target.name) continue;
      if (target.contains !== undefined && !element.textContent?.includes(target.contains))
        continue;
      const box = element.getBoundingClientRect();
      const visible =
        box.width > 0 &&
        box.height > 0 &&
        element.checkVisibility({ opacityProperty: true, visibilityProperty: true });
      if (!visible) continue;
      if (target.focused && deepActive() !== element) continue;
      return element;
    }
    return undefined;
  };
  Object.defineProperty(window, 'chatletBenchRect', {
    /** @param {string} key */
    value: (key) => {
      const target = targets[key];
      const box = target && find(target)?.getBoundingClientRect();
      return box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : undefined;
    },
  });

  // Checked on every DOM change (in the document and in every shadow root), on focus changes and
  // once per frame, until found; after that the watchers cost nothing.
  const pending = new Set(Object.keys(targets).filter((key) => targets[key]));
  /** @param {string} key */
  const waitsForClick = (key) =>
    (key === 'panel' || !!targets[key]?.afterClick) && bench.pointerDownAt === undefined;
  const check = () => {
    for (const key of pending) {
      if (waitsForClick(key)) continue;
      if (find(targets[key])) {
        bench.marks[key] = performance.now();
        pending.delete(key);
      }
    }
  };
  const observer = new MutationObserver(check);
  const options = { subtree: true, childList: true, attributes: true };
  observer.observe(document, options);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    shadowRoots.set(this, root);
    observer.observe(root, options);
    return root;
  };
  addEventListener('focusin', check, true);
  // The frame loop runs only while a target can appear: a loop kept alive until a click that never
  // comes (the panel of an untouched visit) would make the page render every frame, and that
  // rendering would be counted as the widget's main-thread time.
  let looping = false;
  const frame = () => {
    check();
    looping = [...pending].some((key) => !waitsForClick(key));
    if (looping) requestAnimationFrame(frame);
  };
  const loop = () => {
    if (!looping) {
      looping = true;
      requestAnimationFrame(frame);
    }
  };
  loop();
  addEventListener('pointerdown', loop, true);

  // Watches `keys` again from the next pointer press, e.g. to time re-opening the panel.
  Object.defineProperty(window, 'chatletBenchRearm', {
    /** @param {string[]} keys */
    value: (keys) => {
      bench.pointerDownAt = undefined;
      for (const key of keys) {
        delete bench.marks[key];
        pending.add(key);
      }
      loop();
    },
  });
}
