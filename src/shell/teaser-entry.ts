/**
 * The entry of `dist/chatlet-teaser.js`, which the loader inserts when the page has a teaser or
 * calls showTeaser() (teaser.ts, loaded by beside-loader.ts): it hands
 * {@link teaserFromAttributes} over with an event on `document`, as the panel hands over its stage
 * (src/embed/panel-entry.ts).
 */
import { handOver } from './beside-loader.ts';
import { teaserFromAttributes } from './teaser-attributes.ts';
import { TEASER_EVENT } from './teaser-chunk.ts';

handOver(TEASER_EVENT, teaserFromAttributes);
