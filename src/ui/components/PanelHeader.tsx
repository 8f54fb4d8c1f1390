import type { ChatModel } from '../chat-model.ts';
import type { UiStrings } from '../i18n.ts';
import { downloadText, transcriptText } from '../transcript.ts';
import type { ViewModel } from '../view-model.ts';
import type { PanelConfig } from './Panel.tsx';
import { PanelMenu } from './PanelMenu.tsx';
import { Icon } from './Icon.tsx';

/** Props of {@link PanelHeader}. */
export interface PanelHeaderProps {
  chat: ChatModel;
  view: ViewModel;
  strings: UiStrings;
  config: PanelConfig;
}

/**
 * The panel's title bar: title, subtitle, the menu ("New conversation", "Download transcript"),
 * and close (not inline).
 */
export function PanelHeader({ chat, view, strings, config }: PanelHeaderProps) {
  return (
    <header class="header" part="header">
      <div class="heading">
        <h2 class="title">{config.title}</h2>
        {config.subtitle && <p class="subtitle">{config.subtitle}</p>}
      </div>
      <PanelMenu
        strings={strings}
        onNewConversation={chat.reset}
        onTranscript={() =>
          downloadText(
            transcriptText(chat.messages.value, strings, config.lang ?? 'en', config.title),
            `chat-${new Date().toISOString().slice(0, 10)}.txt`,
          )
        }
      />
      {/* Inline, closing would leave nothing to reopen the chat with. */}
      {!config.inline && (
        <button
          type="button"
          class="icon-button"
          aria-label={strings.closeChat}
          onClick={() => view.hide()}
        >
          <Icon d="M6 6l12 12M18 6L6 18" />
        </button>
      )}
    </header>
  );
}
