/**
 * `import { Chatlet } from 'chatlet/vue'`: the widget as a Vue 3 component, a thin layer over
 * {@link createChatlet}. Props are the widget's options (camelCase, or kebab-case in templates);
 * the handle events are the component's emits (`@message`, `@open`, …); `expose` gives the handle.
 * Renders nothing itself: the widget lives in its own shadow root.
 */
import { defineComponent, onBeforeUnmount, onMounted, shallowRef, watch, type PropType } from 'vue';
import type { ChatletOptions } from '../core/options.ts';
import {
  createChatlet,
  type ChatletEvents,
  type ChatletHandle,
  type CreateChatletOptions,
} from '../embed/index.ts';
import { OPTION_KEYS } from '../embed/attributes.ts';
import { applyLiveOptions, remountKey } from './live-options.ts';

const EVENTS = [
  'ready',
  'open',
  'close',
  'message',
  'error',
  'feedback',
] as const satisfies ReadonlyArray<keyof ChatletEvents>;

// Vue checks nothing here: the widget's own resolve step validates every option and says what to fix.
const anyProp = { type: null as unknown as PropType<unknown>, default: undefined };
// Every registered option (an option added to the registry becomes a prop by itself), plus target.
const OPTION_NAMES: ReadonlyArray<keyof CreateChatletOptions> = [...OPTION_KEYS, 'target'];

/** The Chatlet widget for Vue 3. */
export const Chatlet = defineComponent({
  name: 'Chatlet',
  props: Object.fromEntries(OPTION_NAMES.map((name) => [name, anyProp])) as unknown as {
    [K in keyof CreateChatletOptions]-?: { type: PropType<CreateChatletOptions[K]> };
  },
  emits: {
    ready: () => true,
    open: () => true,
    close: () => true,
    message: (_message: ChatletEvents['message']) => true,
    error: (_error: ChatletEvents['error']) => true,
    feedback: (_feedback: ChatletEvents['feedback']) => true,
  },
  setup(props, { emit, expose }) {
    const handle = shallowRef<ChatletHandle | undefined>(undefined);
    const options = (): CreateChatletOptions => {
      const defined: Record<string, unknown> = {};
      for (const name of OPTION_NAMES) if (props[name] !== undefined) defined[name] = props[name];
      return defined as unknown as CreateChatletOptions;
    };
    const mount = (): void => {
      handle.value?.destroy();
      handle.value = undefined;
      try {
        const mounted = createChatlet(options());
        for (const event of EVENTS) {
          mounted.on(event, (payload: unknown) =>
            (emit as (e: string, p: unknown) => void)(event, payload),
          );
        }
        handle.value = mounted;
      } catch (error) {
        console.error(error);
      }
    };
    onMounted(mount);
    onBeforeUnmount(() => {
      handle.value?.destroy();
      handle.value = undefined;
    });
    watch(() => remountKey(options()) + String(props.target !== undefined), mount);
    watch(
      () => JSON.stringify([props.kbTopic, props.messageContext, props.metadata ?? {}]),
      () => {
        if (handle.value) applyLiveOptions(handle.value, options() as Partial<ChatletOptions>);
      },
    );
    expose({ handle });
    return () => null;
  },
});
