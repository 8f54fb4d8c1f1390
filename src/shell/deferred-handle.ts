import type { ChatletHandle, PanelControls } from './handle.ts';
import { checkContextLength, checkMessageLength } from './limits.ts';
import { report } from './report.ts';
import type { Shell } from './shell.ts';

type Queued = (panel: PanelControls) => void;

/**
 * A handle that works before the panel stage has loaded: calls are queued and replayed in order
 * once it is there. The calls that need the panel start loading it; the page-context setters wait
 * for it without (a single-page app may call setKbTopic on every route). Length limits throw at
 * once, as on the full handle; setMetadata's key and value checks live in the panel stage, so a
 * bad early call is reported on the console when it is replayed. `on`, `destroy` and the teaser's
 * calls are the shell's own events, lifecycle and teaser, so they need no queue.
 */
export function deferHandle(
  load: () => Promise<PanelControls | undefined>,
  shell: Shell,
): { handle: ChatletHandle; start(): void } {
  const { life, events } = shell;
  let real: PanelControls | undefined;
  const queue: Queued[] = [];
  life.add(() => (queue.length = 0));

  const settle = (panel: PanelControls | undefined): void => {
    if (!panel || life.ended || real) return;
    real = panel;
    for (const call of queue.splice(0)) {
      try {
        call(panel);
      } catch (error) {
        report(error);
      }
    }
  };
  const later = (call: Queued, needsPanel = true): void => {
    if (life.ended) return;
    if (real) return call(real);
    queue.push(call);
    if (needsPanel) start();
  };
  // The load is shared (the caller memoises it), so every caller may attach `settle`.
  const start = (): void => {
    if (!life.ended) void load().then(settle);
  };

  const handle: ChatletHandle = {
    open: () => later((panel) => panel.open()),
    close: () => later((panel) => panel.close()),
    toggle: () => later((panel) => panel.toggle()),
    send(text) {
      checkMessageLength(text);
      later((panel) => panel.send(text));
    },
    reset: () => later((panel) => panel.reset()),
    setKbTopic: (topic) => later((panel) => panel.setKbTopic(topic), false),
    setMessageContext(context) {
      checkContextLength(context);
      later((panel) => panel.setMessageContext(context), false);
    },
    setMetadata: (metadata) => later((panel) => panel.setMetadata(metadata), false),
    showTeaser: shell.teaser.show,
    hideTeaser: shell.teaser.hide,
    on: events.on,
    destroy: life.end,
  };
  return { handle, start };
}
