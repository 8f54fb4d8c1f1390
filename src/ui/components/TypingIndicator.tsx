import type { UiStrings } from '../i18n.ts';

/** Three pulsing dots while the assistant works on a reply; screen readers hear the sentence. */
export function TypingIndicator({ strings }: { strings: UiStrings }) {
  return (
    <div class="typing" part="typing">
      <span class="dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      <span class="sr-only">{strings.typing}</span>
    </div>
  );
}
