import type { ChatletEvents } from '../shell/emitter.ts';

/**
 * Every handle event, at run time: `<chatlet-widget>` re-dispatches each as a DOM event and the
 * framework components map each to a callback. Written as a record so that an event added to
 * {@link ChatletEvents} without being listed here is a compile error.
 */
export const EVENT_NAMES = Object.keys({
  ready: 1,
  open: 1,
  close: 1,
  message: 1,
  error: 1,
  feedback: 1,
} satisfies Record<keyof ChatletEvents, 1>) as Array<keyof ChatletEvents>;
