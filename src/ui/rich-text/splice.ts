import { decodeEntities } from './entities.ts';
import type { RichNode } from './nodes.ts';

// Elements found while tokenizing (HTML tags, code spans) wait in `slots`; the markdown source holds
// one private-use character per element in its place, so markdown can run around them.
const SLOT = 0xe000;

/** Most elements one container can hold a slot for (the private-use area's size). */
export const MAX_SLOTS = 0xf900 - SLOT;

/** The character that stands for `slots[index]` in a markdown source. */
export const slotChar = (index: number): string => String.fromCharCode(SLOT + index);

/** Turns raw source into nodes: text decoded once, slot characters replaced by their elements. */
export const splice = (raw: string, slots: readonly RichNode[]): RichNode[] =>
  raw
    .split(/([\ue000-\uf8ff])/)
    .flatMap((part, i) =>
      i % 2 ? [slots[part.charCodeAt(0) - SLOT]!] : part ? [decodeEntities(part)] : [],
    );
