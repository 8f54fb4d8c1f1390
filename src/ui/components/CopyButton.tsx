import { useState } from 'preact/hooks';
import type { UiStrings } from '../i18n.ts';

/** Props of {@link CopyButton}. */
export interface CopyButtonProps {
  strings: UiStrings;
  /** Accessible name, which holds the visible "Copy" (WCAG 2.5.3). */
  label: string;
  /** The plain text to copy, read when clicked. */
  text: () => string;
  /** Says a sentence through the panel's one polite status ('' clears it). */
  announce?: ((text: string) => void) | undefined;
}

/**
 * Copies plain text with the Clipboard API. Success shows "Copied" on the button and announces it
 * through the panel's status, for two seconds; a refused clipboard leaves the button as it was.
 */
export function CopyButton({ strings, label, text, announce }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      class="chip"
      aria-label={copied ? undefined : label}
      onClick={() =>
        void navigator.clipboard?.writeText(text()).then(
          () => {
            setCopied(true);
            announce?.(strings.copied);
            // Preact ignores a state update after unmount, so the timer needs no cleanup.
            setTimeout(() => {
              setCopied(false);
              announce?.('');
            }, 2000);
          },
          () => {},
        )
      }
    >
      {copied ? strings.copied : strings.copy}
    </button>
  );
}
