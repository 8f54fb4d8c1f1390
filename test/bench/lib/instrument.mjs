// Runs inside the benchmarked page before any of its scripts (Playwright addInitScript): records
// long tasks and layout shifts, and the moment each watched element first becomes visible, in
// `performance.now()` time (ms since navigation start), and for a polled target the moment the next
// frame has laid it out. Elements are found by a `path` of shadow hosts and a selector, so one
// watcher serves Chatlet and the peers alike.

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
    /**
     * For each polled mark, when the first frame after it had laid the element out: the first
     * report of a ResizeObserver, which a frame makes after its style and layout, before its
     * paint. Work a widget defers past the moment its element enters the DOM (a second drawing in
     * the next frame, a layout it no longer forces) shows here and not in `marks`. (A timer set in
     * the frame's animation callback would also count whatever tasks the widget queued before it.)
     * @type {Record<string, number>}
     */
    laidOut: {},
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
  /**
   * The elements `target` names, as far as the DOM alone tells (no layout is read).
   * @param {Target} target
   */
  const candidates = (target) => {
    /** @type {Document | ShadowRoot | null | undefined} */
    let root = document;
    for (const host of target.path) root = rootOf(root?.querySelector(host));
    if (!root) return [];
    return [...root.querySelectorAll(target.selector)].filter(
      (element) =>
        (target.name === undefined || nameOf(element) === target.name) &&
        (target.contains === undefined || !!element.textContent?.includes(target.contains)),
    );
  };
  /** @param {Element} element  whether it has a box and is neither transparent nor hidden */
  const shows = (element, box = element.getBoundingClientRect()) =>
    box.width > 0 &&
    box.height > 0 &&
    element.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  /** @param {Target} target */
  const find = (target) =>
    candidates(target).find(
      (element) => shows(element) && (!target.focused || deepActive() === element),
    );
  Object.defineProperty(window, 'chatletBenchRect', {
    /** @param {string} key */
    value: (key) => {
      const target = targets[key];
      const box = target && find(target)?.getBoundingClientRect();
      return box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : undefined;
    },
  });

  // Two ways to notice a target. One watched from the start that only has to be visible (the
  // launcher) is looked for on every DOM change without reading layout, and each element found is
  // handed to an IntersectionObserver, which reports the box the next frame computes anyway: it is
  // marked at the moment it entered the DOM (when a check there would have found it) if that
  // first frame shows it, else polled as below. Reading its box in the MutationObserver callback
  // instead forced a style and layout inside the widget's own script task, and polling until then
  // rendered a frame every 16 ms, work a page without the watcher never does that was counted as
  // the widget's (docs/ARCHITECTURE.md, "What an untouched visit costs"). Every other target (the
  // panel: focused, after the click) is checked on every DOM change, on focus changes and once per
  // frame, until found; after that the watchers cost nothing.
  const pending = new Set(Object.keys(targets).filter((key) => targets[key]));
  /** @param {string} key */
  const waitsForClick = (key) =>
    (key === 'panel' || !!targets[key]?.afterClick) && bench.pointerDownAt === undefined;
  /** Keys watched by the IntersectionObserver (see above); any other pending key is polled. */
  const observed = new Set(
    [...pending].filter(
      (key) => key !== 'panel' && !targets[key]?.afterClick && !targets[key]?.focused,
    ),
  );
  /** @type {WeakMap<Element, { key: string, at: number }>} */
  const seen = new WeakMap();
  const intersections = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const found = seen.get(entry.target);
      if (!found || !observed.has(found.key)) continue;
      observed.delete(found.key);
      intersections.unobserve(entry.target);
      if (shows(entry.target, entry.boundingClientRect)) {
        bench.marks[found.key] = found.at;
        pending.delete(found.key);
      } else loop(); // an empty box or transparent at first: polled from now on
    }
  });
  const check = () => {
    for (const key of pending) {
      if (waitsForClick(key)) continue;
      if (observed.has(key)) {
        for (const element of candidates(targets[key])) {
          if (seen.has(element)) continue;
          seen.set(element, { key, at: performance.now() });
          intersections.observe(element);
        }
      } else {
        const element = find(targets[key]);
        if (!element) continue;
        bench.marks[key] = performance.now();
        pending.delete(key);
        const sizes = new ResizeObserver(() => {
          bench.laidOut[key] ??= performance.now();
          sizes.disconnect();
        });
        sizes.observe(element);
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
  // The frame loop runs only while a polled target can appear: a loop kept alive until a click
  // that never comes (the panel of an untouched visit) would make the page render every frame, and
  // that rendering would be counted as the widget's main-thread time.
  let looping = false;
  const frame = () => {
    check();
    looping = [...pending].some((key) => !waitsForClick(key) && !observed.has(key));
    if (looping) requestAnimationFrame(frame);
  };
  /** Starts the frame loop unless it runs. */
  function loop() {
    if (!looping) {
      looping = true;
      requestAnimationFrame(frame);
    }
  }
  loop();
  addEventListener('pointerdown', loop, true);

  // Watches `keys` again from the next pointer press, e.g. to time re-opening the panel.
  Object.defineProperty(window, 'chatletBenchRearm', {
    /** @param {string[]} keys */
    value: (keys) => {
      bench.pointerDownAt = undefined;
      for (const key of keys) {
        delete bench.marks[key];
        delete bench.laidOut[key];
        pending.add(key);
      }
      loop();
    },
  });
}
