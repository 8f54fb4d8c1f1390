import { createHttpChatClient, type ChatClient } from '../client/chat-client.ts';
import { createConversationStore } from '../client/conversation-store.ts';
import { newMessageId } from '../client/message-id.ts';
import { openStorage, type SafeStorage } from '../client/storage.ts';
import type { Language } from '../core/languages.ts';
import type { ResolvedOptions } from '../core/options.ts';
import type { ChatEvent } from '../ui/chat-model.ts';
import type { LocaleStrings } from '../ui/strings.ts';
import { createModels, type WidgetModels } from '../ui/models.ts';
import type { SendContextSource } from './send-context.ts';
import { linkTabs } from './tabs.ts';

/** I/O a widget can be given instead of the browser's; tests pass fakes. */
export interface WidgetDeps {
  client?: ChatClient;
  storage?: SafeStorage;
  newId?: () => string;
  /** Fetches the strings of a language; the script tag and the npm entry each have their own way. */
  loadLocale?: (lang: Language) => Promise<LocaleStrings>;
}

/**
 * The conversation behind one widget, wired to the browser: the HTTP client, storage for the
 * endpoint, the other tabs, and the online/offline events. `onEvent` hears messages and errors.
 * Returns the models and the teardown.
 */
export function connectConversation(
  options: ResolvedOptions,
  page: SendContextSource,
  onEvent: (event: ChatEvent) => void,
  deps: WidgetDeps = {},
): WidgetModels & { disconnect: () => void } {
  const storage = deps.storage ?? openStorage({ mode: options.storage });
  const store = createConversationStore(storage, options.endpoint, {
    historyLimit: options.historyLimit,
    warn: page.warnOnce,
  });
  const tabs = linkTabs(store, storage);
  // A page that is going away aborts the request in flight. That is no failure of the message:
  // it stays queued (as stored) for the next page view, like a message sent offline. Without this
  // the abort is saved as `failed` whenever the page runs any script while unloading (a
  // visibilitychange listener is enough).
  let leaving = false;
  const models = createModels({
    client:
      deps.client ??
      createHttpChatClient({ endpoint: options.endpoint, timeoutMs: options.timeoutMs }),
    store,
    newId: deps.newId ?? newMessageId,
    context: page.read,
    online: () => navigator.onLine && !leaving,
    warn: page.warnOnce,
    exclusive: tabs.exclusive,
    later: tabs.later,
    pinned: options.mode === 'inline',
    onEvent(event) {
      if (event.type === 'stored') tabs.announce(event.reset);
      else onEvent(event);
    },
  });
  const { chat } = models;
  const stopListening = tabs.onChange(chat.reload);
  const onOnline = (): void => chat.setOnline(true);
  const onOffline = (): void => chat.setOnline(false);
  const onPageHide = (): void => {
    leaving = true;
  };
  // Back from the back/forward cache: what was queued goes out again.
  const onPageShow = (): void => {
    leaving = false;
    chat.setOnline(navigator.onLine);
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  window.addEventListener('pagehide', onPageHide);
  window.addEventListener('pageshow', onPageShow);

  return {
    ...models,
    disconnect() {
      chat.dispose();
      stopListening();
      tabs.close();
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
    },
  };
}
