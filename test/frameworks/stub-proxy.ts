import { vi } from 'vitest';

/**
 * Stands in for the proxy at the fetch boundary: the framework components call createChatlet
 * without injected deps, exactly as an app does, so the browser's fetch is the seam.
 */
export function stubProxy(reply = 'Hello from the proxy'): { texts: string[] } {
  const texts: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { text: string };
      texts.push(body.text);
      return new Response(
        JSON.stringify({
          conversation: 'token',
          reply,
          ord_number: texts.length,
          handoff: false,
          conversation_reset: false,
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    }),
  );
  return { texts };
}

/** The widget hosts on the page. */
export const hosts = (): Element[] => [...document.querySelectorAll('chatlet-widget')];
