/**
 * TypeScript declarations that `import 'chatlet/element'` brings along: `<chatlet-widget>` in
 * `document.createElement`/`querySelector` (HTMLElementTagNameMap), its DOM events in
 * `addEventListener`, and the element with its attributes in React's JSX.
 *
 * The React part augments the `react` module, so a project without `@types/react` needs
 * `skipLibCheck` (the default of Vite's and Next.js's templates) for this file.
 */
import type * as React from 'react';
import type { ChatletOptions, Language } from '../core/options.ts';
import type { ChatletEvents } from '../shell/emitter.ts';
import type { ChatletElement } from './element.ts';

/** `kbTopic` → `kb-topic`, as the attribute names are derived at run time. */
type Kebab<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${Kebab<Tail>}`
  : S;

/**
 * The attributes of `<chatlet-widget>`: every option in kebab-case, as a string; `endpoint` is
 * required, and `lang` is one of the languages Chatlet speaks.
 */
export type ChatletElementAttributes = {
  [K in Exclude<keyof ChatletOptions, 'endpoint' | 'lang'> as Kebab<K>]?: string;
} & { endpoint: string; lang?: Language };

/** The DOM events `<chatlet-widget>` dispatches, `chatlet-<handle event>`, with the payload as `detail`. */
export type ChatletElementEvents = {
  [E in keyof ChatletEvents as `chatlet-${E}`]: CustomEvent<ChatletEvents[E]>;
};

declare global {
  interface HTMLElementTagNameMap {
    'chatlet-widget': ChatletElement;
  }
  interface HTMLElementEventMap extends ChatletElementEvents {}
}

declare module 'react' {
  // oxlint-disable-next-line typescript/no-namespace -- React's JSX types are a namespace.
  namespace JSX {
    interface IntrinsicElements {
      'chatlet-widget': ChatletElementAttributes &
        React.HTMLAttributes<ChatletElement> &
        React.RefAttributes<ChatletElement>;
    }
  }
}
