import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
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
 * Messages rendered on opening, and added by each "Show earlier messages": a few panels' worth,
 * few enough to render in short tasks (see FIRST) however long the stored history is.
 */
const PAGE = 20;

/**
 * Of the first {@link PAGE}, drawn in the task that opens the panel: enough to fill it. The rest
 * follow once that is on screen, so neither drawing (nor its layout) is a long task.
 */
const FIRST = 6;

/** The id of the `count`th newest of the restored messages (none: fewer are restored). */
const oldest = (present: ReadonlySet<string>, count: number): string | undefined =>
  [...present][present.size - count];

/**
 * The conversation as a polite `role="log"` that announces additions only: a new reply is read
 * once when it lands. Restored history is there when the log appears, so it is not read, nor when
 * "Show earlier messages" adds it later (it is marked quiet); the visitor's own messages opt out
 * (see MessageItem), and the typing indicator and the starter questions sit outside. Only the
 * newest messages are rendered at first (docs/ARCHITECTURE.md, "Long histories").
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
  const log = useRef<HTMLDivElement>(null);
  // The oldest message rendered, by id: a reset, or another tab's message merged in, moves no
  // window. None, or not found (a reset), means from the start. `keep`: the distance from the
  // bottom when older messages were asked for, so the reading position stays put.
  // Only restored history is paged and quiet: messages of this page view (also those sent through
  // the API before the panel was drawn) are all shown, and replies among them announced.
  // `grow`: only the newest FIRST are drawn yet; `auto`: the rest of the first page came by itself.
  const present = chat.restored;
  const [shown, show] = useState<{
    first: string | undefined;
    keep?: number;
    grow?: boolean;
    auto?: boolean;
  }>(() => ({ first: oldest(present, FIRST), grow: present.size > FIRST }));
  const from = Math.max(
    0,
    messages.findIndex((message) => message.id === shown.first),
  );

  useLayoutEffect(() => {
    const element = scroller.current;
    if (shown.keep === undefined) return;
    element?.scrollTo?.(0, element.scrollHeight - shown.keep);
    // The button is gone with the last of them: focus goes to the log's start, not to the page.
    if (!shown.first && !shown.auto) log.current?.focus({ preventScroll: true });
  }, [shown]);

  // After the first paint (an effect, not a layout effect), as "Show earlier messages" does.
  useEffect(() => {
    const element = scroller.current!;
    if (shown.grow) {
      show({
        first: oldest(present, PAGE),
        keep: element.scrollHeight - element.scrollTop,
        auto: true,
      });
    }
  }, [shown, present]);

  // Follow the newest message; layout effect so the visitor never sees the jump.
  useLayoutEffect(() => {
    const element = scroller.current;
    // scrollTo, not scrollIntoView: the latter would scroll the host page too. (jsdom lacks it.)
    element?.scrollTo?.(0, element.scrollHeight);
  }, [messages.length, waiting]);

  return (
    <div class="scroller" ref={scroller} part="messages">
      {from > 0 && !shown.grow && (
        <button
          type="button"
          class="chip earlier"
          onClick={() => {
            const element = scroller.current!;
            show({
              first: from > PAGE ? messages[from - PAGE]!.id : undefined,
              keep: element.scrollHeight - element.scrollTop,
            });
          }}
        >
          {strings.earlier}
        </button>
      )}
      <div
        role="log"
        aria-live="polite"
        aria-relevant="additions"
        class="log"
        ref={log}
        tabIndex={-1}
      >
        {from === 0 && greeting && (
          <MessageItem
            message={{ id: 'greeting', role: 'assistant', text: greeting, at: 0 }}
            quiet
            strings={strings}
          />
        )}
        {messages.slice(from).map((message) => (
          <MessageItem
            key={message.id}
            message={message}
            quiet={present.has(message.id)}
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
