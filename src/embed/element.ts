/**
 * `import 'chatlet/element'` registers `<chatlet-widget endpoint="…" kb-topic="…">` for React, Vue,
 * Svelte or plain HTML. Its attributes are the script tag's data attributes without `data-`.
 */
import { isChatletError } from '../core/errors.ts';
import { resolveOptions } from '../core/options.ts';
import { attributeName, OPTION_KEYS, readAttributes } from './attributes.ts';
import type { ChatletHandle } from './handle.ts';
import { HOST_MARK } from './shell.ts';
import { mountWidget } from './widget.ts';

/** Attributes applied to the running widget; any other change remounts it with the new options. */
const LIVE = new Set(['kb-topic', 'message-context']);

/** The `<chatlet-widget>` element; its `chatlet` property is the running widget's handle. */
export class ChatletElement extends HTMLElement {
  static readonly observedAttributes = OPTION_KEYS.map(attributeName);
  #handle: ChatletHandle | undefined;
  #scheduled = false;
  #open = false;

  /** The running widget's handle, or `undefined` while it is not mounted. */
  get chatlet(): ChatletHandle | undefined {
    return this.#handle;
  }

  connectedCallback(): void {
    this.#schedule();
  }

  disconnectedCallback(): void {
    this.#schedule();
  }

  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if (previous === value || this.hasAttribute(HOST_MARK)) return;
    if (this.#handle && LIVE.has(name)) {
      if (name === 'kb-topic') this.#handle.setKbTopic(value ?? undefined);
      else this.#handle.setMessageContext(value ?? undefined);
      return;
    }
    this.#schedule();
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
    this.#handle?.destroy();
    this.#handle = undefined;
    if (!this.isConnected) return;
    try {
      const attributes = readAttributes((name) => this.getAttribute(name), '');
      const options = resolveOptions(
        { endpoint: '', ...attributes },
        document.documentElement.lang,
      );
      const handle = mountWidget(this, options);
      handle.on('open', () => (this.#open = true));
      handle.on('close', () => (this.#open = false));
      if (wasOpen) handle.open();
      this.#handle = handle;
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
}

if (!customElements.get('chatlet-widget')) customElements.define('chatlet-widget', ChatletElement);
