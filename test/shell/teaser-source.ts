import type { TeaserSource } from '../../src/shell/teaser.ts';

/** The script tag's teaser from the sources, where the built loader loads chatlet-teaser.js. */
export const teaserFrom =
  (read: (name: string) => string | null): TeaserSource =>
  () =>
    import('../../src/shell/teaser-attributes.ts').then((file) => file.teaserFromAttributes(read));
