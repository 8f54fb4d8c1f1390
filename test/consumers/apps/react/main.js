// A React 19 app using chatlet/react the way the README shows (StrictMode, callbacks, a ref).
import { createElement as h, StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Chatlet } from 'chatlet/react';

window.consumerEvents = [];
const record = (name) => window.consumerEvents.push(name);

function App() {
  const [shown, setShown] = useState(true);
  const chat = useRef();
  useEffect(() => {
    window.consumerHandle = () => chat.current;
  }, []);
  return h(
    'main',
    null,
    h('button', { onClick: () => setShown(false) }, 'Unmount'),
    shown &&
      // oxlint-disable-next-line react/refs -- passes the ref object as `ref`, reads nothing.
      h(Chatlet, {
        endpoint: '/support/chat',
        ref: chat,
        onOpen: () => record('open'),
        onMessage: (message) => record(`message:${message.role}`),
      }),
  );
}

createRoot(document.getElementById('root')).render(h(StrictMode, null, h(App)));
