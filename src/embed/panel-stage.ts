import { effect } from '@preact/signals';
import type { Language } from '../core/languages.ts';
import { checkPrimaryColor, resolveOptions, type ResolvedOptions } from '../core/options.ts';
import type { PanelControls } from '../shell/handle.ts';
import { checkMessageLength } from '../shell/limits.ts';
import { isCssColor } from '../shell/loader-options.ts';
import { report } from '../shell/report.ts';
import type { Lifecycle } from '../shell/lifecycle.ts';
import type { Shell } from '../shell/shell.ts';
import { adoptStyles } from '../shell/styles.ts';
import { formatTime, timesReady } from '../ui/format-time.ts';
import { resolveStrings, type LocaleStrings } from '../ui/i18n.ts';
import { mountPanel } from '../ui/mount.tsx';
import panelCss from '../ui/panel.css?inline';
import { readAttributes } from './attributes.ts';
import type { WidgetDeps } from './conversation.ts';
import { awaitInlineContainer } from './inline.ts';
import { reflectOnLauncher } from './launcher-state.ts';
import { loadLocaleScript } from './locale-script.ts';
import { connectPanel, type ConnectedPanel } from './panel-wiring.ts';
import { createSendContext, type SendContextSource } from './send-context.ts';
import { followVisualViewport } from './viewport.ts';

/**
 * The second stage: the conversation and the Preact panel, attached to a {@link Shell}, and the
 * controls that drive them, speaking `locale` (the language file of `options.lang`), on the
 * conversation `connected` (made here unless the caller made it while that file was on the way).
 * Everything here may arrive late (a lazily loaded chunk); each step
 * registers its undo in the shell's lifecycle, and events go out through the shell's emitter, so
 * the handle's `on` and `destroy` work the same before and after this stage.
 */
export function attachPanel(
  shell: Shell,
  options: ResolvedOptions,
  locale: LocaleStrings,
  page: SendContextSource,
  deps: WidgetDeps = {},
  connected: ConnectedPanel = connectPanel(shell, options, page, deps),
): AttachedPanel {
  const { host, root, button, events, life } = shell;
  const { strings, unknownKeys } = resolveStrings(options.lang, locale, options.strings);
  if (unknownKeys.length > 0) {
    page.warnOnce(
      `Chatlet: data-strings has unknown keys ${unknownKeys.join(', ')}; they are ignored.`,
    );
  }
  // Not undone: the sheet goes with the host, or with its reset (src/shell/host-style.ts).
  adoptStyles(root, panelCss);
  const inline = options.mode === 'inline';
  // panel.css sizes an inline host by its container (src/embed/inline.ts puts it there).
  if (inline) {
    host.dataset['mode'] = 'inline';
    life.add(() => delete host.dataset['mode']);
  }
  const launcher = reflectOnLauncher(button, strings);
  life.add(launcher.remove);
  const { chat, view, disconnect } = connected;
  life.add(disconnect);
  life.add(
    mountPanel(root, {
      chat,
      view,
      strings,
      config: {
        title: options.title ?? strings.title,
        subtitle: options.subtitle,
        greeting: options.greeting,
        placeholder: options.placeholder ?? strings.placeholder,
        lang: options.lang,
        starters: options.starters,
        feedback: options.feedback,
        timestamps: options.timestamps,
        inline,
      },
    }),
  );
  // The launcher is the shell's and stays when this stage goes; only what it does changes.
  shell.activate = view.toggle;
  life.add(() => (shell.activate = () => {}));
  life.add(effect(() => launcher.update({ expanded: view.open.value, unread: view.unread.value })));
  let wasOpen = false;
  let returnTo: HTMLElement = button;
  life.add(
    effect(() => {
      const open = view.open.value;
      if (open === wasOpen) return;
      wasOpen = open;
      if (open) returnTo = focusBefore(shell);
      events.emit(open ? 'open' : 'close', undefined);
      // Focus inside the closing panel (Escape, close button, or the page's close() while the
      // visitor typed) would fall to the page's top; it goes back where the chat was opened from
      // instead. Signal effects run before Preact re-renders, so the panel is still there to ask.
      if (!open && root.activeElement !== null) (returnTo.isConnected ? returnTo : button).focus();
    }),
  );
  // Inline, the panel is part of the page: the page keeps scrolling, phones included.
  if (!inline) {
    life.add(
      effect(() => {
        if (view.open.value) return followVisualViewport(host);
        return undefined;
      }),
    );
  }

  queueMicrotask(() => {
    if (!life.ended) events.emit('ready', undefined);
  });

  return {
    history: chat.restored.size > 0,
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
  };
}

/** What {@link attachPanel} gives back: the panel's controls, and whether a history came with it. */
export interface AttachedPanel extends PanelControls {
  /** Messages were restored from storage: the panel's first drawing shows them. */
  readonly history: boolean;
}

/**
 * Resolves to `panel` once it may be drawn: the calls queued until now (the click that loaded it)
 * open it when this resolves. With a stored history, reading it (in attachPanel) and drawing it
 * are separate tasks. The browser's date formats, whose first use loads its locale data (tens of
 * ms on a slow device), are made in a task of their own after the first drawing, which shows blank
 * times of the same height until then ({@link timesReady}): none of these alone makes a long task
 * however long the history (docs/ARCHITECTURE.md, "Long histories"). Without a history the panel
 * is drawn at once, and the formats are made after it too.
 */
export async function readyToDraw(
  panel: AttachedPanel,
  options: ResolvedOptions,
  life: Lifecycle,
): Promise<PanelControls | undefined> {
  if (panel.history) {
    await new Promise((resolve) => setTimeout(resolve));
    if (life.ended) return undefined;
    // The drawing below comes first (it runs in this task's microtasks): its times wait a task.
    timesReady.value = !options.timestamps;
  }
  if (options.timestamps) {
    setTimeout(() => {
      // A reply of today shows its time, an older message its date too: two formats.
      for (const at of [0, Date.now()]) formatTime(at, options.lang);
      timesReady.value = true;
    });
  }
  return panel;
}

/**
 * Where focus goes back to when the chat closes: what had the page's focus when it opened (the
 * page's own button, a `data-chatlet-open` element), else the launcher. Opened from the launcher,
 * the page's focus is the host itself (its shadow root holds it), or the body in Safari, which does
 * not focus a clicked button: then the launcher.
 */
function focusBefore(shell: Shell): HTMLElement {
  const active = document.activeElement;
  return active instanceof HTMLElement && active !== shell.host && active !== document.body
    ? active
    : shell.button;
}

/**
 * The script tag's panel stage: checks every option now (the loader checked only those the launcher
 * needs, see loader-options.ts), finds the element an inline widget fills (inline.ts), loads the
 * strings of the widget's language (one small file per language, beside the loader:
 * locale-script.ts) and meanwhile connects the conversation (panel-wiring.ts), then attaches.
 * For a refused option it logs one error naming the attribute and resolves to `undefined`; the
 * loader then removes the widget, launcher included. A language file that does not arrive rejects, so the next use tries again.
 */
export async function startPanel(
  shell: Shell,
  read: (name: string) => string | null,
  lang: Language,
  deps: WidgetDeps = {},
): Promise<PanelControls | undefined> {
  let options: ResolvedOptions;
  let page: SendContextSource;
  try {
    options = resolveOptions({ endpoint: '', ...readAttributes(read) }, lang);
    // The loader only saw that the browser cannot paint it; the error naming it is said here.
    checkPrimaryColor(options.primaryColor, isCssColor);
    page = createSendContext(options);
    if (options.mode === 'inline') {
      const container = await awaitInlineContainer(options.target);
      if (shell.life.ended) return undefined;
      // The loader put the host on <html> without a launcher; it moves into the page's element.
      container.append(shell.host);
    }
  } catch (error) {
    report(error);
    return undefined;
  }
  const load =
    deps.loadLocale ??
    ((lang: Language) => loadLocaleScript(lang, read('src'), read('integrity') !== null));
  const locale = load(options.lang);
  // The file takes a task at least, often a frame: the storage is read in that wait, not after it.
  const connected = connectPanel(shell, options, page, deps);
  // A destroy() meanwhile ends it at once, even if the file never comes; a file that fails ends
  // it here (the next use makes another).
  shell.life.add(connected.disconnect);
  const strings = await locale.catch((error: unknown) => {
    connected.disconnect();
    throw error;
  });
  // The widget may have gone while its language file was on the way.
  if (shell.life.ended) return undefined;
  return readyToDraw(
    attachPanel(shell, options, strings, page, deps, connected),
    options,
    shell.life,
  );
}
