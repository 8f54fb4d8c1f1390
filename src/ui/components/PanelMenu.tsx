import { useEffect, useRef, useState } from 'preact/hooks';
import type { UiStrings } from '../i18n.ts';

/** Props of {@link PanelMenu}. */
export interface PanelMenuProps {
  strings: UiStrings;
  /** "New conversation" was chosen. */
  onNewConversation: () => void;
  /** "Download transcript" was chosen. */
  onTranscript?: () => void;
}

/**
 * The panel's menu (a disclosure: button + list of actions). Opening moves focus to the first
 * action; Escape folds it and returns focus to its button without closing the panel; choosing
 * an action or clicking elsewhere folds it too.
 */
export function PanelMenu({ strings, onNewConversation, onTranscript }: PanelMenuProps) {
  // Whether the menu is unfolded is this component's business alone, so plain local state.
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    first.current?.focus();
    const element = container.current;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      toggle.current?.focus();
    };
    const onFocusOut = (event: FocusEvent): void => {
      if (!element?.contains(event.relatedTarget as Node | null)) setOpen(false);
    };
    element?.addEventListener('keydown', onKeyDown);
    element?.addEventListener('focusout', onFocusOut);
    return () => {
      element?.removeEventListener('keydown', onKeyDown);
      element?.removeEventListener('focusout', onFocusOut);
    };
  }, [open]);

  const choose = (action?: () => void) => (): void => {
    setOpen(false);
    toggle.current?.focus();
    action?.();
  };

  return (
    <div class="menu" ref={container}>
      <button
        ref={toggle}
        type="button"
        class="icon-button"
        aria-label={strings.menu}
        aria-expanded={open}
        aria-controls="chatlet-menu"
        onClick={() => setOpen(!open)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="12" cy="5" r="2" />
          <circle cx="12" cy="12" r="2" />
          <circle cx="12" cy="19" r="2" />
        </svg>
      </button>
      <div id="chatlet-menu" class="menu-items" part="menu" hidden={!open}>
        <button ref={first} type="button" class="menu-item" onClick={choose(onNewConversation)}>
          {strings.newConversation}
        </button>
        <button type="button" class="menu-item" onClick={choose(onTranscript)}>
          {strings.transcript}
        </button>
      </div>
    </div>
  );
}
