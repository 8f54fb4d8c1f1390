/**
 * The npm entry (`import { createChatlet } from 'chatlet'`). Importing it does nothing: the widget
 * appears only when createChatlet() is called. Like the script tag it comes in two stages: this
 * module holds only the launcher (no Preact), and the panel is a chunk of its own, loaded on first
 * use (npm-widget.ts). Calls made before it has arrived are queued.
 */
import { resolveOptions, type ChatletOptions } from '../core/options.ts';
import type { ChatletHandle } from '../shell/handle.ts';
import type { WidgetDeps } from './conversation.ts';
import { inlineContainer } from './inline.ts';
import { checkNpmOptions, importPanel, mountNpmWidget } from './npm-widget.ts';

export type { ChatletErrorCode } from '../core/errors.ts';
export { ChatletError, isChatletError } from '../core/errors.ts';
export type { ChatMessage, DeliveryState } from '../core/messages.ts';
export type {
  ChatletOptions,
  Language,
  Launcher,
  Mode,
  PageField,
  Position,
  StringKey,
  StringOverrides,
  Theme,
} from '../core/options.ts';
export type { ClientMetadata } from '../core/protocol.ts';
export type { ChatletEvents, ChatletListener } from '../shell/emitter.ts';
export type { ChatletHandle } from '../shell/handle.ts';
export type { WidgetDeps } from './conversation.ts';

/** Options of {@link createChatlet}: the widget's options plus where to put it. */
export interface CreateChatletOptions extends Omit<ChatletOptions, 'target'> {
  /**
   * Element (or CSS selector of the element) the widget's `<chatlet-widget>` host is appended to.
   * With `mode: 'inline'` it is required: the panel fills it. The default is `<html>`, not
   * `<body>`: a page that transforms its body would otherwise pull the fixed launcher out of the
   * viewport's corner (a transformed ancestor becomes the containing block of `position: fixed`).
   * @default document.documentElement (bubble mode)
   */
  target?: HTMLElement | string;
}

/**
 * Loads the panel's chunk now instead of on the first use of a widget, e.g. when the page is idle
 * or before a test opens the panel; resolves once it has been evaluated. Optional: every widget
 * loads it by itself when it is first used.
 */
export async function loadChatletPanel(): Promise<void> {
  await importPanel();
}

/**
 * Adds a Chatlet widget to the page and returns its handle. Throws a `config` ChatletError when an
 * option is missing or invalid; every option is checked here, so the panel, when it arrives, never
 * refuses one. `deps` replaces the browser's I/O (client, storage) in tests.
 */
export function createChatlet(options: CreateChatletOptions, deps: WidgetDeps = {}): ChatletHandle {
  const { target, ...rest } = options;
  const resolved = resolveOptions(rest, document.documentElement.lang);
  checkNpmOptions(resolved);
  // Inline, the target is required and the host goes into it; a selector is found now or refused.
  const place =
    typeof target === 'string' || (!target && resolved.mode === 'inline')
      ? inlineContainer(target as string | undefined)
      : (target ?? document.documentElement);
  return mountNpmWidget(place, resolved, deps);
}
