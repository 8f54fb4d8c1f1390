import type { ComponentChildren } from 'preact';

/**
 * A 24×24 icon drawn with `currentColor` (panel.css). It is decoration: the button around it
 * carries the accessible name, so the drawing is hidden from screen readers.
 */
export function Icon({ d, children }: { d?: string; children?: ComponentChildren }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true">
      {d ? <path d={d} /> : children}
    </svg>
  );
}
