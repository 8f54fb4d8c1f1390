/**
 * The npm entry (`import { createChatlet } from 'chatlet'`). Importing it does nothing: the widget
 * appears only when createChatlet() is called.
 */
import { resolveOptions, type ChatletOptions } from '../core/options.ts';
import type { ChatletHandle } from './handle.ts';
import { mountInNewHost } from './host.ts';
import type { WidgetDeps } from './conversation.ts';

export type { ChatletErrorCode } from '../core/errors.ts';
export { ChatletError, isChatletError } from '../core/errors.ts';
export type { ChatMessage, DeliveryState } from '../core/messages.ts';
export type { ChatletOptions, PageField, Position, Theme } from '../core/options.ts';
export type { ClientMetadata } from '../core/protocol.ts';
export type { ChatletEvents, ChatletListener } from './emitter.ts';
export type { ChatletHandle } from './handle.ts';
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
  return mountInNewHost(target, resolved, deps);
}
