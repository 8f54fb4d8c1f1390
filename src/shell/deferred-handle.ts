import type { ChatletHandle, PanelControls } from './handle.ts';
import { checkContextLength, checkMessageLength } from './limits.ts';
import { listenForOpeners } from './openers.ts';
import { report } from './report.ts';
import type { Shell } from './shell.ts';

type Queued = (panel: PanelControls) => void;

/**
 * The panel's controls, in one list so the loader builds their queued versions in one loop instead
 * of carrying eight wrappers: the first five need the panel and start loading it, the page-context
 * setters after them wait for it without (a single-page app may call setKbTopic on every route).
 */
const CONTROLS = 'open close toggle send reset setKbTopic setMessageContext setMetadata'.split(' ');

/**
 * A handle that works before the panel stage has loaded: calls are queued and replayed in order
 * once it is there. Length limits throw at once, as on the full handle; setMetadata's key and
 * value checks live in the panel stage, so a bad early call is reported on the console when it is
 * replayed. `on`, `destroy` and the teaser's calls are the shell's own events, lifecycle and
 * teaser, so they need no queue. A click on the launcher or on a `[data-chatlet-open]` element
 * goes through the handle until the panel stage takes the launcher over.
 */
export function deferHandle(
  load: () => Promise<PanelControls | undefined>,
  shell: Shell,
): [handle: ChatletHandle, start: () => void] {
  const { life, events, teaser } = shell;
  let real: PanelControls | undefined;
  // Never replayed after the end (settle checks it), so it needs no clearing.
  const queue: Queued[] = [];

  const settle = (panel: PanelControls | undefined): void => {
    // Every caller's settle gets the same panel: the first one replays the queue, the others find
    // it empty (calls made meanwhile went to the panel directly).
    if (!panel || life.ended) return;
    real = panel;
    for (const call of queue.splice(0)) {
      try {
        call(panel);
      } catch (error) {
        report(error);
      }
    }
  };
  // The load is shared (the caller memoises it), so every caller may attach `settle`.
  const start = (): void => {
    if (!life.ended) void load().then(settle);
  };
  const handle: Record<string, unknown> = {
    showTeaser: teaser.show,
    hideTeaser: teaser.hide,
    on: events.on,
    destroy: life.end,
  };
  CONTROLS.forEach((name, index) => {
    handle[name] = (argument: never): void => {
      if (name === 'send') checkMessageLength(argument);
      if (name === 'setMessageContext') checkContextLength(argument);
      const call: Queued = (panel) =>
        (panel[name as keyof PanelControls] as (a: never) => void)(argument);
      if (life.ended) return;
      if (real) return call(real);
      queue.push(call);
      if (index < 5) start();
    };
  });
  // Until the panel stage is there, a click loads it and then toggles; it takes the click over.
  shell.activate = handle['toggle'] as () => void;
  listenForOpeners(handle['open'] as () => void, life);
  return [handle as unknown as ChatletHandle, start];
}
