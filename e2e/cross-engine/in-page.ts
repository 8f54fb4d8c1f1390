/** What a scenario looks for: an element by its role and accessible name, as a visitor would. */
export interface Target {
  role: 'button' | 'textbox' | 'dialog' | 'region' | 'log' | 'heading' | 'alert';
  /** The exact accessible name; any when absent. */
  name?: string;
}

/** What the page's probe saw since the page loaded. */
export interface Seen {
  errors: string[];
  warnings: string[];
  /** `violatedDirective blockedURI` of every CSP violation. */
  violations: string[];
}

/** The probe every cross-engine host page loads before the widget (see {@link probeScript}). */
export interface Probe extends Seen {
  /** Waits up to `timeoutMs` for exactly one visible element matching `target`, in any open shadow root. */
  find(target: Target, timeoutMs: number): Promise<Element>;
  /** The accessible name of the focused element, through shadow roots ('' for the body). */
  focused(): string;
  /** Makes the page believe it is on- or offline, as the browser would say with its events. */
  setOnline(online: boolean): void;
}

declare global {
  interface Window {
    chatletProbe?: Probe;
  }
}

/**
 * Runs in the page, before the widget. The tools differ in how they find elements (Firefox's
 * accessibility queries do not enter shadow roots, WebDriver has no role locator) and in how they
 * report console messages (WebKitGTK's driver has no BiDi log), so one probe does it in the page
 * the same way in every engine. Self-contained: it is serialised with `toString()`.
 */
function installProbe(): void {
  const seen: Seen = { errors: [], warnings: [], violations: [] };
  const record = (kind: 'error' | 'warn', list: string[]): void => {
    const original = console[kind].bind(console);
    console[kind] = (...args: unknown[]) => {
      list.push(args.map(String).join(' '));
      original(...args);
    };
  };
  record('error', seen.errors);
  record('warn', seen.warnings);
  addEventListener('error', (event) => seen.errors.push(`uncaught: ${event.message}`));
  document.addEventListener(
    'securitypolicyviolation',
    (event) => seen.violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    true,
  );

  const SELECTORS: Record<Target['role'], string> = {
    button: 'button, [role="button"]',
    textbox: 'textarea, input:not([type]), input[type="text"], [role="textbox"]',
    dialog: 'dialog, [role="dialog"]',
    region: 'section[aria-label], [role="region"]',
    log: '[role="log"]',
    heading: 'h1, h2, h3, [role="heading"]',
    alert: '[role="alert"]',
  };
  // A small accessible-name computation: enough for the widget's labelled controls.
  const nameOf = (element: Element): string => {
    const ids = element.getAttribute('aria-labelledby');
    const root = element.getRootNode() as Document | ShadowRoot;
    const text = ids
      ? ids.split(/\s+/).map((id) => root.getElementById(id)?.textContent ?? '')
      : [element.getAttribute('aria-label') ?? element.textContent ?? ''];
    return text.join(' ').replace(/\s+/g, ' ').trim();
  };
  const everything = (root: Document | ShadowRoot, found: Element[]): Element[] => {
    for (const element of root.querySelectorAll('*')) {
      found.push(element);
      if (element.shadowRoot) everything(element.shadowRoot, found);
    }
    return found;
  };
  const visible = (element: Element): boolean =>
    element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';

  window.chatletProbe = {
    ...seen,
    async find(target, timeoutMs) {
      const start = performance.now();
      for (;;) {
        const all = everything(document, []).filter(
          (element) => element.matches(SELECTORS[target.role]) && visible(element),
        );
        const hits = all.filter(
          (element) => target.name === undefined || nameOf(element) === target.name,
        );
        if (hits.length === 1 && hits[0]) return hits[0];
        if (performance.now() - start >= timeoutMs) {
          const names = all.map((element) => `"${nameOf(element)}"`).join(', ') || 'none';
          throw new Error(
            `Found ${hits.length} visible ${target.role} named "${target.name ?? '*'}"; visible ${target.role}s: ${names}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    focused() {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active && active !== document.body ? nameOf(active) : '';
    },
    setOnline(online) {
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
      dispatchEvent(new Event(online ? 'online' : 'offline'));
    },
  };
}

/** The probe as a classic script, served from the page's own origin (strict CSPs allow it). */
export const probeScript = `(${installProbe.toString()})();`;

/**
 * A browser without constructable stylesheets (Safari before 16.4): the properties the widget
 * feature-tests are gone before it loads.
 */
export const noConstructableSheetsScript =
  'delete Document.prototype.adoptedStyleSheets; delete ShadowRoot.prototype.adoptedStyleSheets;';
