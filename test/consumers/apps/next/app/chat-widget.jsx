'use client';
// chatlet/react in a client component, as the README shows for Next.js: callbacks, a ref, and an
// Unmount button for the test.
import { useEffect, useRef, useState } from 'react';
import { Chatlet } from 'chatlet/react';

export default function ChatWidget() {
  const [shown, setShown] = useState(true);
  const chat = useRef();
  useEffect(() => {
    window.consumerEvents ??= [];
    window.consumerHandle = () => chat.current;
  }, []);
  const record = (name) => window.consumerEvents.push(name);
  return (
    <>
      <button onClick={() => setShown(false)}>Unmount</button>
      {shown && (
        <Chatlet
          endpoint="/api/chat"
          ref={chat}
          onOpen={() => record('open')}
          onMessage={(message) => record(`message:${message.role}`)}
        />
      )}
    </>
  );
}
