// A Vue 3 app using chatlet/vue (props, emits, a template ref).
import { createApp, defineComponent, h, ref } from 'vue';
import { Chatlet } from 'chatlet/vue';

window.consumerEvents = [];
const record = (name) => window.consumerEvents.push(name);

const App = defineComponent({
  setup() {
    const shown = ref(true);
    const chat = ref();
    window.consumerHandle = () => chat.value?.handle;
    return () =>
      h('main', [
        h('button', { onClick: () => (shown.value = false) }, 'Unmount'),
        shown.value &&
          h(Chatlet, {
            endpoint: '/support/chat',
            ref: chat,
            onOpen: () => record('open'),
            onMessage: (message) => record(`message:${message.role}`),
          }),
      ]);
  },
});

createApp(App).mount('#app');
