import type { TeaserSource } from '../../src/shell/teaser.ts';

/** The teaser's drawing from the sources, where the built loader loads chatlet-teaser.js. */
export const teaser: TeaserSource = () =>
  import('../../src/shell/teaser-view.ts').then((view) => view.drawTeaser);
