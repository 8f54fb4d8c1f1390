import type { ChatMessage } from '../../core/messages.ts';
import { describeFailure, type Failure } from '../failure.ts';
import type { UiStrings } from '../i18n.ts';
import { RichText } from '../rich-text/RichText.tsx';

/** Props of {@link MessageItem}. */
export interface MessageItemProps {
  message: ChatMessage;
  strings: UiStrings;
  failure?: Failure | undefined;
  onRetry?: (id: string) => void;
}

/**
 * One message. The visitor's messages show their delivery state; a failed one keeps its text and
 * gets an error line with its own Retry, which resends it under the same id.
 */
export function MessageItem({ message, strings, failure, onRetry }: MessageItemProps) {
  const mine = message.role === 'user';
  const text = message.handoff && message.text.trim() === '' ? strings.handoff : message.text;
  return (
    // aria-live="off": the visitor's own words, and their "Sending…" labels, are not read back.
    // Failures still speak up through their role="alert".
    <div
      class={mine ? 'message user' : 'message assistant'}
      part={`message ${message.role}`}
      aria-live={mine ? 'off' : undefined}
    >
      <div class="bubble">
        <span class="sr-only">{mine ? strings.you : strings.assistant}: </span>
        {/* The visitor's words are shown as typed; replies carry allowlisted HTML/markdown. */}
        {mine ? text : <RichText text={text} />}
      </div>
      {message.handoff && text !== strings.handoff && <p class="note">{strings.handoff}</p>}
      {message.state === 'sending' && <p class="state">{strings.sending}</p>}
      {message.state === 'queued' && <p class="state">{strings.queued}</p>}
      {message.state === 'failed' && (
        <p class="error" role="alert" part="error">
          <span>{describeFailure(failure, strings)}</span>{' '}
          <button type="button" class="retry" onClick={() => onRetry?.(message.id)}>
            {strings.retry}
          </button>
        </p>
      )}
    </div>
  );
}
