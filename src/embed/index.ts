/**
 * The npm entry (`import { createChatlet } from 'chatlet'`). Importing it does nothing: the widget
 * appears only when createChatlet() is called.
 */
import { resolveOptions, type ChatletOptions } from '../core/options.ts';
import type { ChatletHandle } from '../shell/handle.ts';
import { createLifecycle } from '../shell/lifecycle.ts';
import { createHost } from '../shell/shell.ts';
import type { WidgetDeps } from './conversation.ts';
import { mountWidget } from './widget.ts';

export type { ChatletErrorCode } from '../core/errors.ts';
export { ChatletError, isChatletError } from '../core/errors.ts';
export type { ChatMessage, DeliveryState } from '../core/messages.ts';
export type { ChatletOptions, PageField, Position, Theme } from '../core/options.ts';
export type { ClientMetadata } from '../core/protocol.ts';
export type { ChatletEvents, ChatletListener } from '../shell/emitter.ts';
export type { ChatletHandle } from '../shell/handle.ts';
export type { WidgetDeps } from './conversation.ts';

/** Options of {@link createChatlet}: the widget's options plus where to put it. */
export interface CreateChatletOptions extends ChatletOptions {
  /**
   * Element the widget's `<chatlet-widget>` host is appended to. The default is `<html>`, not
   * `<body>`: a page that transforms its body would otherwise pull the fixed launcher out of the
   * viewport's corner (a transformed ancestor becomes the containing block of `position: fixed`).
   * @default document.documentElement
   */
  target?: HTMLElement;
}

/**
 * Adds a Chatlet widget to the page and returns its handle. Throws a `config` ChatletError when an
 * option is missing or invalid. `deps` replaces the browser's I/O (client, storage) in tests.
 */
export function createChatlet(options: CreateChatletOptions, deps?: WidgetDeps): ChatletHandle {
  const { target = document.documentElement, ...rest } = options;
  const resolved = resolveOptions(rest, document.documentElement.lang);
  // The host goes first into the widget's lifecycle, so destroy() (or a refused option) removes it.
  const life = createLifecycle();
  return mountWidget(createHost(target, life), resolved, deps, life);
}
