import { useState } from 'preact/hooks';
import type { ChatModel } from '../chat-model.ts';
import type { UiStrings } from '../i18n.ts';
import type { ViewModel } from '../view-model.ts';
import type { PanelConfig } from './Panel.tsx';

/** Props of {@link PanelHeader}. */
export interface PanelHeaderProps {
  chat: ChatModel;
  view: ViewModel;
  strings: UiStrings;
  config: PanelConfig;
}

/** The panel's title bar: title, subtitle, the menu with "New conversation", and close. */
export function PanelHeader({ chat, view, strings, config }: PanelHeaderProps) {
  // Whether the menu is unfolded is this component's business alone, so plain local state.
  const [menuOpen, setMenuOpen] = useState(false);

  const startOver = (): void => {
    setMenuOpen(false);
    chat.reset();
  };

  return (
    <header class="header" part="header">
      <div class="heading">
        <h2 class="title">{config.title}</h2>
        {config.subtitle && <p class="subtitle">{config.subtitle}</p>}
      </div>
      <div class="menu">
        <button
          type="button"
          class="icon-button"
          aria-label={strings.menu}
          aria-expanded={menuOpen}
          aria-controls="chatlet-menu"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <circle cx="12" cy="5" r="2" />
            <circle cx="12" cy="12" r="2" />
            <circle cx="12" cy="19" r="2" />
          </svg>
        </button>
        <div id="chatlet-menu" class="menu-items" hidden={!menuOpen}>
          <button type="button" class="menu-item" onClick={startOver}>
            {strings.newConversation}
          </button>
        </div>
      </div>
      <button
        type="button"
        class="icon-button"
        aria-label={strings.closeChat}
        onClick={() => view.hide('user')}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M6 6l12 12M18 6L6 18" />
        </svg>
      </button>
    </header>
  );
}
