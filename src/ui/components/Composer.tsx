import type { RefObject } from 'preact';
import { LIMITS } from '../../core/protocol.ts';
import type { ChatModel } from '../chat-model.ts';
import type { UiStrings } from '../i18n.ts';
import { Icon } from './Icon.tsx';

/** Props of {@link Composer}. */
export interface ComposerProps {
  chat: ChatModel;
  /** The text being typed, owned by the view model so it outlives the panel. */
  draft: string;
  /** Stores a new draft. */
  onDraft: (text: string) => void;
  strings: UiStrings;
  placeholder: string;
  textbox: RefObject<HTMLTextAreaElement | null>;
}

/**
 * The message field and Send. Enter sends, Shift+Enter starts a new line, and Enter that confirms
 * an IME composition (Japanese, Chinese, Korean input) only confirms it.
 */
export function Composer({ chat, draft, onDraft, strings, placeholder, textbox }: ComposerProps) {
  const submit = (): void => {
    if (chat.send(draft) !== undefined) onDraft('');
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    // keyCode 229 is how Safari reports the Enter that ends a composition (isComposing is false).
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) {
      return;
    }
    event.preventDefault();
    submit();
  };

  return (
    <form
      class="composer"
      part="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={textbox}
        class="input"
        part="input"
        rows={1}
        // What the visitor types runs in its own direction (Hebrew in an English panel too).
        dir="auto"
        aria-label={strings.message}
        placeholder={placeholder}
        maxLength={LIMITS.textChars}
        value={draft}
        onInput={(event) => onDraft(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" class="send" part="send" aria-label={strings.send}>
        <Icon d="M3 20l18-8L3 4v6l12 2-12 2z" />
      </button>
    </form>
  );
}
