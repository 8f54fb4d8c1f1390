/**
 * The entry of `dist/chatlet-panel.js`, which the loader inserts on first use
 * (src/shell/panel-chunk.ts). It hands the panel stage over with an event on `document`, which the
 * loader listens for while the file runs (and again whenever a later loader asks): no global, and it works both as a classic script and
 * as a module (the loader's fallback on pages that enforce Trusted Types).
 */
import { PANEL_EVENT } from '../shell/panel-chunk.ts';
import type { PanelStage } from '../shell/staged.ts';
import { startPanel } from './panel-stage.ts';

const stage = { startPanel } as PanelStage;
const announce = (): boolean =>
  document.dispatchEvent(new CustomEvent<PanelStage>(PANEL_EVENT, { detail: stage }));
// A loader started after this file ran (a new script tag after destroy(); a module is evaluated
// once per page) asks with a detail-less event of the same name; answer it with the same stage.
document.addEventListener(PANEL_EVENT, (event) => {
  if (!(event as CustomEvent<PanelStage | null>).detail) announce();
});
announce();
