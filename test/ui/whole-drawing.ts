import { act } from '@testing-library/preact';

/**
 * Resolves once an open panel is drawn whole: its first drawing is the composer alone, and the
 * header and the messages follow at the start of the next frame (src/ui/components/Panel.tsx).
 */
export const wholeDrawing = (): Promise<void> =>
  act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
