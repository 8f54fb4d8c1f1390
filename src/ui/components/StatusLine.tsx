import type { ChatModel } from '../chat-model.ts';
import type { UiStrings } from '../i18n.ts';

/** A line under the messages for conversation-wide states; per-message errors sit on the message. */
export function StatusLine({ chat, strings }: { chat: ChatModel; strings: UiStrings }) {
  const status = chat.status.value;
  switch (status.kind) {
    case 'offline':
      return (
        <output class="status" part="status">
          {strings.offline}
        </output>
      );
    case 'idle':
    case 'waiting':
      return null;
  }
}
