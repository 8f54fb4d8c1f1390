import { effect } from '@preact/signals';
import { ChatletError } from '../core/errors.ts';
import type { ResolvedOptions } from '../core/options.ts';
import { LIMITS } from '../core/protocol.ts';
import { resolveStrings } from '../ui/i18n.ts';
import { mountPanel } from '../ui/mount.tsx';
import { connectConversation, type WidgetDeps } from './conversation.ts';
import { createEmitter } from './emitter.ts';
import type { ChatletHandle } from './handle.ts';
import { styleHost } from './host-style.ts';
import { createLauncher } from './launcher.ts';
import { createSendContext } from './send-context.ts';
import { followVisualViewport } from './viewport.ts';

/**
 * Builds one widget inside `host`'s (open) shadow root: launcher, panel, models, and the handle
 * that drives them. The one place where the parts meet; destroy() undoes every step.
 */
export function mountWidget(
  host: HTMLElement,
  options: ResolvedOptions,
  deps: WidgetDeps = {},
): ChatletHandle {
  // First, as it may still refuse an option (bad metadata): nothing is touched before that.
  const page = createSendContext(options);
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const emitter = createEmitter();
  const cleanups: Array<() => void> = [styleHost(host, root, options)];

  const { strings, unknownKeys } = resolveStrings(options.lang, options.strings);
  if (unknownKeys.length > 0) {
    console.warn(
      `Chatlet: data-strings has unknown keys ${unknownKeys.join(', ')}; they are ignored.`,
    );
  }

  const { chat, view, disconnect } = connectConversation(
    options,
    page,
    (event) => {
      if (event.type === 'message') emitter.emit('message', event.message);
      else if (event.type === 'error') emitter.emit('error', event.failure.error);
    },
    deps,
  );
  cleanups.push(disconnect);

  cleanups.push(
    mountPanel(root, {
      chat,
      view,
      strings,
      config: {
        title: options.title ?? strings.title,
        subtitle: options.subtitle,
        greeting: options.greeting,
        placeholder: options.placeholder ?? strings.placeholder,
      },
    }),
  );
  const launcher = createLauncher(root, strings, view.toggle);
  cleanups.push(launcher.remove);

  cleanups.push(
    effect(() => launcher.update({ expanded: view.open.value, unread: view.unread.value })),
  );
  let wasOpen = false;
  cleanups.push(
    effect(() => {
      const open = view.open.value;
      if (open === wasOpen) return;
      wasOpen = open;
      emitter.emit(open ? 'open' : 'close', undefined);
      // Focus inside the closing panel (Escape, close button, or the page's close() while the
      // visitor typed) would fall to the page's top; it goes to the launcher instead. Signal
      // effects run before Preact re-renders, so the panel is still there to ask.
      if (!open && root.activeElement !== null) launcher.button.focus();
    }),
  );
  cleanups.push(
    effect(() => {
      if (view.open.value) return followVisualViewport(host);
      return undefined;
    }),
  );

  let destroyed = false;
  let ready = false;
  queueMicrotask(() => {
    if (destroyed) return;
    ready = true;
    emitter.emit('ready', undefined);
  });

  return {
    open: view.show,
    close: view.hide,
    toggle: view.toggle,
    send(text) {
      // The field stops at the limit by itself; a page's script gets told instead of truncated.
      if (text.length > LIMITS.textChars) {
        throw new ChatletError(
          'config',
          `send: the message is ${text.length} characters long; shorten it to at most ${LIMITS.textChars}.`,
          { field: 'text' },
        );
      }
      chat.send(text);
    },
    reset: chat.reset,
    setKbTopic: page.setKbTopic,
    setMessageContext: page.setMessageContext,
    setMetadata: page.setMetadata,
    on(event, listener) {
      const off = emitter.on(event, listener);
      // A late subscriber to `ready` (e.g. code that runs after the async script) still hears it.
      if (event === 'ready' && ready) queueMicrotask(() => listener(undefined as never));
      return off;
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      // Undo in reverse order of setup.
      while (cleanups.length > 0) cleanups.pop()?.();
      emitter.clear();
    },
  };
}
