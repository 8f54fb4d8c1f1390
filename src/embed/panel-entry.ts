/**
 * The entry of `dist/chatlet-panel.js`, which the loader inserts on first use
 * (src/shell/panel-chunk.ts). It hands the panel stage over with an event on `document`, which the
 * loader listens for while the file runs (and again whenever a later loader asks): no global, and
 * it works both as a classic script and as a module (the loader's fallback on pages that enforce
 * Trusted Types). It keeps the language file's hand-over that follows it in
 * `chatlet-panel-<lang>.js` (catchLocales).
 */
import { handOver } from '../shell/beside-loader.ts';
import { PANEL_EVENT } from '../shell/panel-chunk.ts';
import type { PanelStage } from '../shell/staged.ts';
import { catchLocales } from './locale-script.ts';
import { startPanel } from './panel-stage.ts';

catchLocales();
handOver(PANEL_EVENT, { startPanel } as PanelStage);
