/**
 * The types of the script-tag files (`chatlet/chatlet.js`, `chatlet/chatlet-panel.js`): they export
 * nothing, they put `window.Chatlet` on the page and announce it with a `chatlet:ready` event. A
 * site that bundles its own code next to the script tag writes `import type {} from
 * 'chatlet/chatlet.js'` (or lists it in `types`) to have both typed.
 */
import type { ChatletHandle } from '../shell/handle.ts';

export type { ChatletHandle } from '../shell/handle.ts';

declare global {
  interface Window {
    /** The script-tag widget's API handle; present once `chatlet:ready` has fired. */
    Chatlet?: ChatletHandle;
  }
  interface WindowEventMap {
    /** The script-tag widget is on the page; `detail` is its handle (also `window.Chatlet`). */
    'chatlet:ready': CustomEvent<ChatletHandle>;
  }
}
