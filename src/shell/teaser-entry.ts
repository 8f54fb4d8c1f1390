/**
 * The entry of `dist/chatlet-teaser.js`, which the loader inserts when the page has a teaser
 * (teaser.ts, loaded by beside-loader.ts): it hands {@link drawTeaser} over with an event on
 * `document`, as the panel hands over its stage (src/embed/panel-entry.ts).
 */
import { handOver } from './beside-loader.ts';
import { TEASER_EVENT } from './teaser-chunk.ts';
import { drawTeaser } from './teaser-view.ts';

handOver(TEASER_EVENT, drawTeaser);
