/**
 * `import 'chatlet/element'` registers `<chatlet-widget endpoint="…" kb-topic="…">` for React, Vue,
 * Svelte, Angular or plain HTML. Its attributes are the script tag's data attributes without
 * `data-`. Every handle event is also dispatched as a DOM `CustomEvent` named `chatlet-<event>`
 * that bubbles and crosses shadow roots, with the handle event's payload as `detail`. Like
 * createChatlet() it comes in two stages (npm-widget.ts): the launcher at once, without Preact,
 * and the panel's chunk when the visitor points at, focuses or clicks the launcher, the page calls
 * the handle, or at once with `mode="inline"`.
 *
 * Importing this under Node (server-side rendering) does nothing: the class extends a placeholder
 * there, and the element is defined only where `customElements` exists.
 */
import { isChatletError } from '../core/errors.ts';
import { resolveOptions } from '../core/options.ts';
import { attributeName, OPTION_KEYS, readAttributes } from './attributes.ts';
import { createEmitter, type ChatletEvents } from '../shell/emitter.ts';
import { EVENT_NAMES } from './event-names.ts';
import type { ChatletHandle } from '../shell/handle.ts';
import { resetHost } from '../shell/host-style.ts';
import { HOST_MARK } from '../shell/shell.ts';
import { checkNpmOptions, mountNpmWidget } from './npm-widget.ts';

export type { ChatletElementAttributes } from './element-types.ts';

/**
 * Attributes applied to the running widget (queued, like the handle's calls, until its panel has
 * loaded); any other change remounts it with the new options.
 */
const LIVE = new Set(['kb-topic', 'message-context']);

// Under Node there is no HTMLElement; a placeholder keeps `class … extends` from throwing on import.
// oxlint-disable-next-line typescript/no-extraneous-class
const Base = (typeof HTMLElement === 'undefined' ? class {} : HTMLElement) as typeof HTMLElement;

type Call = (handle: ChatletHandle) => void;

/** The `<chatlet-widget>` element; its `chatlet` property is the widget's handle. */
export class ChatletElement extends Base {
  static readonly observedAttributes = OPTION_KEYS.map(attributeName);
  #mounted: ChatletHandle | undefined;
  #events = createEmitter();
  #pending: Call[] = [];
  #scheduled = false;
  #open = false;
  #facade: ChatletHandle | undefined;

  /**
   * The widget's handle, there from the moment the element is connected (a `useLayoutEffect` or
   * `onMounted` can use it). Calls made before the widget has mounted are replayed once it has;
   * listeners stay subscribed across remounts for changed attributes.
   */
  get chatlet(): ChatletHandle | undefined {
    return this.isConnected || this.#mounted ? (this.#facade ??= this.#createFacade()) : undefined;
  }

  connectedCallback(): void {
    this.#schedule();
  }

  disconnectedCallback(): void {
    this.#schedule();
  }

  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (previous === value || this.hasAttribute(HOST_MARK)) return;
    if (this.#mounted && LIVE.has(name)) {
      if (name === 'kb-topic') this.#mounted.setKbTopic(value ?? undefined);
      else this.#mounted.setMessageContext(value ?? undefined);
      return;
    }
    this.#schedule();
  }

  #createFacade(): ChatletHandle {
    const call = (run: Call) => (): void => {
      if (this.#mounted) run(this.#mounted);
      else this.#pending.push(run);
    };
    return {
      open: call((handle) => handle.open()),
      close: call((handle) => handle.close()),
      toggle: call((handle) => handle.toggle()),
      send: (text) => call((handle) => handle.send(text))(),
      reset: call((handle) => handle.reset()),
      setKbTopic: (topic) => call((handle) => handle.setKbTopic(topic))(),
      setMessageContext: (context) => call((handle) => handle.setMessageContext(context))(),
      setMetadata: (metadata) => call((handle) => handle.setMetadata(metadata))(),
      showTeaser: (text) => call((handle) => handle.showTeaser(text))(),
      hideTeaser: call((handle) => handle.hideTeaser()),
      on: (event, listener) => this.#events.on(event, listener),
      destroy: () => this.remove(),
    };
  }

  // Frameworks set attributes right after connecting, or move the element: settle on the next
  // microtask so one change of several attributes mounts once, and a move does not lose the widget.
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#remount();
    });
  }

  #remount(): void {
    if (this.hasAttribute(HOST_MARK)) return;
    // A remount for changed options keeps the panel as the visitor left it.
    const wasOpen = this.#open;
    this.#mounted?.destroy();
    this.#mounted = undefined;
    // The widget's steps leave what they put into this element to it (host-style.ts).
    resetHost(this);
    if (!this.isConnected) {
      this.#pending.length = 0;
      return;
    }
    try {
      const attributes = readAttributes((name) => this.getAttribute(name), '');
      const options = resolveOptions(
        { endpoint: '', ...attributes },
        document.documentElement.lang,
      );
      // The element is where the page put it: in inline mode it is the container itself.
      if (options.target) console.warn('Chatlet <chatlet-widget>: target is ignored here.');
      checkNpmOptions(options);
      // The element is the host: it stays when a widget goes, reset by resetHost above.
      const handle = mountNpmWidget(this, options, {}, true);
      handle.on('open', () => (this.#open = true));
      handle.on('close', () => (this.#open = false));
      for (const event of EVENT_NAMES) handle.on(event, (detail) => this.#relay(event, detail));
      if (wasOpen) handle.open();
      this.#mounted = handle;
      for (const run of this.#pending.splice(0)) run(handle);
    } catch (error) {
      console.error(
        isChatletError(error)
          ? `Chatlet <chatlet-widget>: ${error.message
              .replace(/data-([\w-]+) on the script tag/g, 'the $1 attribute')
              .replace(/data-/g, '')}`
          : error,
      );
    }
  }

  #relay<E extends keyof ChatletEvents>(event: E, detail: ChatletEvents[E]): void {
    this.#events.emit(event, detail);
    this.dispatchEvent(
      new CustomEvent(`chatlet-${event}`, { detail, bubbles: true, composed: true }),
    );
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('chatlet-widget')) {
  customElements.define('chatlet-widget', ChatletElement);
}
