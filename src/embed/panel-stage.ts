import { effect } from '@preact/signals';
import { resolveOptions, type Language, type ResolvedOptions } from '../core/options.ts';
import { resolveStrings } from '../ui/i18n.ts';
import { mountPanel } from '../ui/mount.tsx';
import panelCss from '../ui/panel.css?inline';
import { readAttributes } from './attributes.ts';
import { connectConversation, type WidgetDeps } from './conversation.ts';
import { createEmitter } from './emitter.ts';
import type { ChatletHandle } from './handle.ts';
import { reflectOnLauncher } from './launcher-state.ts';
import { checkMessageLength } from './limits.ts';
import { report } from './report.ts';
import { createSendContext, type SendContextSource } from './send-context.ts';
import type { Shell } from './shell.ts';
import { adoptStyles } from './styles.ts';
import { followVisualViewport } from './viewport.ts';

/**
 * The second stage: the conversation, the Preact panel, and the handle that drives them, attached
 * to a {@link Shell}. Everything here may arrive late (a lazily loaded chunk); destroy() undoes
 * this stage only, the shell has its own remove().
 */
export function attachPanel(
  shell: Shell,
  options: ResolvedOptions,
  page: SendContextSource,
  deps: WidgetDeps = {},
): ChatletHandle {
  const { host, root, button } = shell;
  const { strings, unknownKeys } = resolveStrings(options.lang, options.strings);
  if (unknownKeys.length > 0) {
    page.warnOnce(
      `Chatlet: data-strings has unknown keys ${unknownKeys.join(', ')}; they are ignored.`,
    );
  }
  const emitter = createEmitter();
  const launcher = reflectOnLauncher(button, strings);
  const cleanups: Array<() => void> = [adoptStyles(root, panelCss), launcher.remove];

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
  // The launcher is the shell's and stays when this stage goes; only what it does changes.
  shell.onActivate(view.toggle);
  cleanups.push(() => shell.onActivate(() => {}));
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
      if (!open && root.activeElement !== null) button.focus();
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
      checkMessageLength(text);
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

/**
 * The script tag's panel stage: checks every option now (the loader checked only those the launcher
 * needs, see loader-options.ts), then attaches. For a refused option it logs one error naming the
 * attribute and returns `undefined`; the loader then removes the widget, launcher included.
 */
export function startPanel(
  shell: Shell,
  read: (name: string) => string | null,
  lang: Language,
  deps: WidgetDeps = {},
): ChatletHandle | undefined {
  let options: ResolvedOptions;
  let page: SendContextSource;
  try {
    options = resolveOptions({ endpoint: '', ...readAttributes(read) }, lang);
    page = createSendContext(options);
  } catch (error) {
    report(error);
    return undefined;
  }
  return attachPanel(shell, options, page, deps);
}
