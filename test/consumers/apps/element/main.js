// A plain Vite app (no framework) using `<chatlet-widget>` from chatlet/element, the way the README
// shows for Svelte, Angular or plain HTML: attributes, DOM events, a live `kb-topic`.
// oxlint-disable-next-line import/no-unassigned-import -- registering the element is the point.
import 'chatlet/element';

window.consumerEvents = [];
document.addEventListener('chatlet-message', (event) =>
  window.consumerEvents.push(`message:${event.detail.role}`),
);
document.addEventListener('chatlet-open', () => window.consumerEvents.push('open'));

const widget = () => document.querySelector('chatlet-widget');
document.getElementById('topic').addEventListener('click', () => {
  widget().setAttribute('kb-topic', 'billing');
});
document.getElementById('remove').addEventListener('click', () => widget().remove());
