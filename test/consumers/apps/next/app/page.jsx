// A server component page (prerendered by `next build`) that renders the client component below.
import ChatWidget from './chat-widget.jsx';

export default function Page() {
  return (
    <main>
      <h1>Next.js consumer</h1>
      <ChatWidget />
    </main>
  );
}
