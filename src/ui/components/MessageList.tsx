import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ChatModel } from '../chat-model.ts';
import type { UiStrings } from '../i18n.ts';
import { MessageItem, type MessageExtras } from './MessageItem.tsx';
import { TypingIndicator } from './TypingIndicator.tsx';

/** Props of {@link MessageList}. */
export interface MessageListProps {
  chat: ChatModel;
  strings: UiStrings;
  greeting?: string | undefined;
  /** Suggested first questions, shown until the visitor has written. */
  starters?: string[] | undefined;
  /** A starter was chosen (the panel sends it and keeps focus in the panel). */
  onStarter?: (text: string) => void;
  extras?: MessageExtras;
}

/**
 * The conversation as a polite `role="log"` that announces additions only: a new reply is read
 * once when it lands. Restored history is there when the log appears, so it is not read; the
 * visitor's own messages opt out (see MessageItem), and the typing indicator and the starter
 * questions sit outside.
 */
export function MessageList({
  chat,
  strings,
  greeting,
  starters = [],
  onStarter,
  extras,
}: MessageListProps) {
  const messages = chat.messages.value;
  const failures = chat.failures.value;
  const waiting = chat.status.value.kind === 'waiting';
  const scroller = useRef<HTMLDivElement>(null);

  // Follow the newest message; layout effect so the visitor never sees the jump.
  useLayoutEffect(() => {
    const element = scroller.current;
    // scrollTo, not scrollIntoView: the latter would scroll the host page too. (jsdom lacks it.)
    element?.scrollTo?.(0, element.scrollHeight);
  }, [messages.length, waiting]);

  return (
    <div class="scroller" ref={scroller} part="messages">
      <div role="log" aria-live="polite" aria-relevant="additions" class="log">
        {greeting && (
          <MessageItem
            message={{ id: 'greeting', role: 'assistant', text: greeting, at: 0 }}
            strings={strings}
          />
        )}
        {messages.map((message) => (
          <MessageItem
            key={message.id}
            message={message}
            failure={failures[message.id]}
            strings={strings}
            onRetry={chat.retry}
            onRate={chat.rate}
            {...(extras && { extras })}
          />
        ))}
      </div>
      {starters.length > 0 && !messages.some((message) => message.role === 'user') && (
        <fieldset class="starters" part="starters">
          <legend class="sr-only">{strings.starters}</legend>
          {starters.map((starter) => (
            <button key={starter} type="button" class="chip" onClick={() => onStarter?.(starter)}>
              {starter}
            </button>
          ))}
        </fieldset>
      )}
      {waiting && <TypingIndicator strings={strings} />}
    </div>
  );
}
