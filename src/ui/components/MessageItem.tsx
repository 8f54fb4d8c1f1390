import type { Rating } from '../../core/feedback.ts';
import type { ChatMessage } from '../../core/messages.ts';
import { describeFailure, type Failure } from '../failure.ts';
import { formatTime, timesReady } from '../format-time.ts';
import type { UiStrings } from '../i18n.ts';
import { RichText } from '../rich-text/RichText.tsx';
import { replyAsPlainText } from '../rich-text/plain-text.ts';
import { CopyButton } from './CopyButton.tsx';
import { Icon } from './Icon.tsx';

/** What a message shows besides its text; all off unless set. */
export interface MessageExtras {
  /** Language of the timestamps; without it no time is shown. */
  timeLang?: string | undefined;
  /** "Helpful" / "Not helpful" under replies. */
  feedback?: boolean | undefined;
  /** Says "Copied" through the panel's status. */
  announce?: ((text: string) => void) | undefined;
}

/** Props of {@link MessageItem}. */
export interface MessageItemProps {
  message: ChatMessage;
  strings: UiStrings;
  failure?: Failure | undefined;
  /** Not news (it was there when the panel opened): never announced, even when added later. */
  quiet?: boolean;
  onRetry?: (id: string) => void;
  onRate?: (id: string, rating: Rating) => void;
  extras?: MessageExtras;
}

// One thumb, turned over for "Not helpful" in CSS: a single path for both.
const THUMB = 'M2 21h4V9H2zM23 10a2 2 0 0 0-2-2h-6l1-5-2-2-7 7v13h11l4-9z';

/**
 * One message. The visitor's messages show their delivery state; a failed one keeps its text and
 * gets an error line with its own Retry, which resends it under the same id. A reply (not the
 * greeting) has Copy, on itself and on each code block, and may have the two rating buttons
 * (toggle buttons: the choice is `aria-pressed`).
 */
export function MessageItem({
  message,
  strings,
  failure,
  quiet,
  onRetry,
  onRate,
  extras = {},
}: MessageItemProps) {
  const mine = message.role === 'user';
  const text = message.handoff && message.text.trim() === '' ? strings.handoff : message.text;
  // The greeting (at 0) is the page's text, not a message of this conversation.
  const real = message.at > 0;
  const rate = (rating: Rating, label: string) => (
    <button
      type="button"
      class={`chip ${rating}`}
      aria-label={label}
      aria-pressed={message.rating === rating}
      onClick={() => onRate?.(message.id, rating)}
    >
      <Icon d={THUMB} />
    </button>
  );
  return (
    // aria-live="off": the visitor's own words, and their "Sending…" labels, are not read back,
    // nor is history. Failures still speak up through their role="alert".
    <div
      class={`message ${message.role}`}
      part={`message ${message.role}`}
      aria-live={mine || quiet ? 'off' : undefined}
    >
      <div class="bubble">
        <span class="sr-only">{mine ? strings.you : strings.assistant}: </span>
        {/* The visitor's words are shown as typed; replies carry allowlisted HTML/markdown. */}
        {mine ? (
          <span dir="auto">{text}</span>
        ) : (
          <RichText
            text={text}
            {...(real && {
              renderCode: (code: string) => (
                <CopyButton
                  strings={strings}
                  label={strings.copyCode}
                  text={() => code}
                  announce={extras.announce}
                />
              ),
            })}
          />
        )}
      </div>
      {message.handoff && text !== strings.handoff && <p class="note">{strings.handoff}</p>}
      {(message.state === 'sending' || message.state === 'queued') && (
        <p class="state">{strings[message.state]}</p>
      )}
      {message.state === 'failed' && (
        <p class="error" role="alert" part="error">
          <span>{describeFailure(failure, strings)}</span>{' '}
          <button type="button" class="retry" onClick={() => onRetry?.(message.id)}>
            {strings.retry}
          </button>
        </p>
      )}
      {real && (extras.timeLang || !mine) && (
        <p class="meta">
          {extras.timeLang && (
            <time dateTime={new Date(message.at).toISOString()}>
              {timesReady.value ? formatTime(message.at, extras.timeLang) : '\u00a0'}
            </time>
          )}
          {!mine && (
            <CopyButton
              strings={strings}
              label={strings.copyReply}
              text={() => replyAsPlainText(text)}
              announce={extras.announce}
            />
          )}
          {!mine && extras.feedback && rate('up', strings.helpful)}
          {!mine && extras.feedback && rate('down', strings.notHelpful)}
        </p>
      )}
    </div>
  );
}
