/**
 * `import { Chatlet } from 'chatlet/react'`: the widget as a React component, a thin layer over
 * {@link createChatlet}. Props are the widget's options plus event callbacks; a ref receives the
 * handle. Renders nothing itself: the widget lives in its own shadow root (in `target`, or at the
 * end of `<html>` like the script tag), so React's tree and the widget's never fight.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import {
  createChatlet,
  type ChatletEvents,
  type ChatletHandle,
  type CreateChatletOptions,
} from '../embed/index.ts';
import { applyLiveOptions, remountKey } from './live-options.ts';

/** The callbacks of {@link Chatlet}, one per handle event. */
export interface ChatletCallbacks {
  /** The widget is on the page and can be used. */
  onReady?: () => void;
  /** The panel opened. */
  onOpen?: () => void;
  /** The panel closed. */
  onClose?: () => void;
  /** A message was added: the visitor's or the assistant's. */
  onMessage?: (message: ChatletEvents['message']) => void;
  /** A message could not be delivered. */
  onError?: (error: ChatletEvents['error']) => void;
  /** The visitor rated a reply. */
  onFeedback?: (feedback: ChatletEvents['feedback']) => void;
}

/** Props of {@link Chatlet}: the widget's options, where to put it, and the event callbacks. */
export type ChatletProps = CreateChatletOptions & ChatletCallbacks;

const EVENTS = {
  ready: 'onReady',
  open: 'onOpen',
  close: 'onClose',
  message: 'onMessage',
  error: 'onError',
  feedback: 'onFeedback',
} as const satisfies Record<keyof ChatletEvents, keyof ChatletCallbacks>;

function splitProps(props: ChatletProps): {
  options: CreateChatletOptions;
  callbacks: ChatletCallbacks;
} {
  const options: Record<string, unknown> = {};
  const callbacks: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(props)) {
    if (/^on[A-Z]/.test(name)) callbacks[name] = value;
    else options[name] = value;
  }
  return { options: options as unknown as CreateChatletOptions, callbacks };
}

/**
 * The Chatlet widget. Changing `kbTopic`, `messageContext` or `metadata` updates the running
 * widget; changing another option remounts it (the conversation is kept in storage, so the visitor
 * loses nothing). Invalid options are reported on the console, as the script tag does.
 */
export const Chatlet = forwardRef(function Chatlet(
  props: ChatletProps,
  ref: Ref<ChatletHandle | undefined>,
) {
  const { options, callbacks } = splitProps(props);
  // Callbacks are read through a ref, so a new arrow function on every render never remounts.
  // Refreshed after every render, before the effects below read it.
  const latest = useRef({ options, callbacks });
  useEffect(() => {
    latest.current = { options, callbacks };
  });
  const [handle, setHandle] = useState<ChatletHandle | undefined>(undefined);
  const key = remountKey(options) + String(options.target !== undefined);
  const target = options.target;

  useEffect(() => {
    let mounted: ChatletHandle;
    try {
      mounted = createChatlet(latest.current.options);
    } catch (error) {
      console.error(error);
      return undefined;
    }
    for (const [event, callback] of Object.entries(EVENTS)) {
      mounted.on(event as keyof ChatletEvents, (payload: unknown) => {
        const listener = latest.current.callbacks[callback] as
          ((payload: unknown) => void) | undefined;
        listener?.(payload);
      });
    }
    // The widget is an external system; its handle becomes state once it exists (the ref and the
    // live-options effect need a re-render with it).
    // oxlint-disable-next-line react/set-state-in-effect
    setHandle(mounted);
    return () => {
      mounted.destroy();
      setHandle(undefined);
    };
    // Remount on a changed remount key or target only: the options are read through `latest`.
    // oxlint-disable-next-line react/exhaustive-effect-dependencies
  }, [key, target]);

  // Applied on a change only: the first values went in through createChatlet, where they keep
  // their precedence below the page's own kb_topic (a runtime setKbTopic would win over it).
  const live = JSON.stringify([options.kbTopic, options.messageContext, options.metadata ?? {}]);
  const applied = useRef(live);
  useEffect(() => {
    if (handle === undefined) return;
    if (applied.current !== live) applyLiveOptions(handle, latest.current.options);
    applied.current = live;
    // `live` is the serialised form of the options read through `latest`.
    // oxlint-disable-next-line react/exhaustive-effect-dependencies
  }, [handle, live]);

  useImperativeHandle(ref, () => handle, [handle]);
  return null;
});
