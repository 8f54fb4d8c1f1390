import { useEffect, useRef, useState } from 'preact/hooks';
import type { UiStrings } from '../i18n.ts';
import { Icon } from './Icon.tsx';

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
  const toggle = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);

  const fold = (): void => {
    setOpen(false);
    toggle.current?.focus();
  };
  const choose = (action?: () => void) => (): void => {
    fold();
    action?.();
  };

  return (
    // The div only hears what bubbles up from its buttons; it is no control of its own.
    // oxlint-disable-next-line jsx-a11y/no-static-element-interactions
    <div
      class="menu"
      // Escape folds an open menu only: the panel's own Escape (Panel.tsx) must not see it.
      onKeyDown={(event) => {
        if (!open || event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        fold();
      }}
      onFocusOut={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={toggle}
        type="button"
        class="icon-button"
        aria-label={strings.menu}
        aria-expanded={open}
        aria-controls="chatlet-menu"
        onClick={() => setOpen(!open)}
      >
        <Icon>
          <circle cx="12" cy="5" r="2" />
          <circle cx="12" cy="12" r="2" />
          <circle cx="12" cy="19" r="2" />
        </Icon>
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
