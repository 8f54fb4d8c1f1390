import { decodeEntities } from './entities.ts';
import type { RichNode } from './nodes.ts';

// Elements found while tokenizing (HTML tags, code spans) wait in `slots`; the markdown source holds
// one private-use character per element in its place, so markdown can run around them.
const SLOT = 0xe000;

/** Most elements one container can hold a slot for (the private-use area's size). */
export const MAX_SLOTS = 0xf900 - SLOT;

/** Tells whether a character stands for a slotted element. */
export const isSlot = (c: string | undefined): boolean =>
  !!c && c.charCodeAt(0) >= SLOT && c.charCodeAt(0) < SLOT + MAX_SLOTS;

/** The character that stands for `slots[index]` in a markdown source. */
export const slotChar = (index: number): string => String.fromCharCode(SLOT + index);

/** Turns raw source into nodes: text decoded once, slot characters replaced by their elements. */
export function splice(raw: string, slots: readonly RichNode[]): RichNode[] {
  const out: RichNode[] = [];
  let from = 0;
  for (let i = 0; i <= raw.length; i++) {
    if (i < raw.length && !isSlot(raw[i])) continue;
    if (i > from) out.push(decodeEntities(raw.slice(from, i)));
    const slot = slots[raw.charCodeAt(i) - SLOT];
    if (slot !== undefined) out.push(slot);
    from = i + 1;
  }
  return out;
}
