// A consumer's strict TSX file, type-checked against the BUILT package (`dist/types`, through the
// package's own `exports`) by test/types/tsconfig.json. Each `@ts-expect-error` is a negative case:
// if the line ever compiles, the directive itself fails the check.
import { useRef } from 'react';
import { createChatlet, type ChatletHandle, type Language } from 'chatlet';
// oxlint-disable-next-line import/no-unassigned-import -- registering the element is the point.
import 'chatlet/element';
import { Chatlet } from 'chatlet/react';

export function App() {
  const handle = useRef<ChatletHandle | undefined>(undefined);
  return (
    <main>
      <chatlet-widget endpoint="/chat" kb-topic="billing" lang="de" className="help" />
      <Chatlet
        endpoint="/chat"
        kbTopic="billing"
        ref={handle}
        onMessage={(message) => console.log(message.role, message.text)}
        onError={(error) => console.log(error.code)}
      />
      {/* @ts-expect-error endpoint is required */}
      <chatlet-widget kb-topic="billing" />
      {/* @ts-expect-error attribute values are strings */}
      <chatlet-widget endpoint={42} />
      {/* @ts-expect-error an unknown option is not a prop */}
      <Chatlet endpoint="/chat" kbTopik="billing" />
      <Chatlet endpoint="/chat" lang="he" strings={{ send: 'Go', openChat: 'Ask us' }} />
      {/* @ts-expect-error lang is one of the eleven languages Chatlet speaks */}
      <Chatlet endpoint="/chat" lang="xx" />
      {/* @ts-expect-error strings takes the widget's own string keys only */}
      <Chatlet endpoint="/chat" strings={{ sendd: '' }} />
      {/* @ts-expect-error the element's lang is one of the eleven languages too */}
      <chatlet-widget endpoint="/chat" lang="xx" />
    </main>
  );
}

const element = document.createElement('chatlet-widget');
element.chatlet?.open();
element.addEventListener('chatlet-message', (event) => console.log(event.detail.text));
document.querySelector('chatlet-widget')?.chatlet?.setKbTopic('shipping');
// @ts-expect-error the handle has no such method
element.chatlet?.opne();

const lang: Language = 'ar';
createChatlet({ endpoint: '/chat', lang, strings: { send: 'Go' } });
// @ts-expect-error lang is one of the eleven languages Chatlet speaks
createChatlet({ endpoint: '/chat', lang: 'xx' });
// @ts-expect-error strings takes the widget's own string keys only
createChatlet({ endpoint: '/chat', strings: { sendd: '' } });
