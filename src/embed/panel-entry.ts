/**
 * The entry of `dist/chatlet-panel.js`, which the loader inserts on first use
 * (src/shell/panel-chunk.ts). It hands the panel stage over with an event on `document`, which the
 * loader listens for while the file runs: no global, and it works both as a classic script and
 * as a module (the loader's fallback on pages that enforce Trusted Types).
 */
import { PANEL_EVENT } from '../shell/panel-chunk.ts';
import type { PanelStage } from '../shell/staged.ts';
import { startPanel } from './panel-stage.ts';

document.dispatchEvent(
  new CustomEvent<PanelStage>(PANEL_EVENT, { detail: { startPanel } as PanelStage }),
);
