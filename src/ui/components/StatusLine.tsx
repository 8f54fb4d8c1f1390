import type { ChatModel } from '../chat-model.ts';
import type { UiStrings } from '../i18n.ts';

/** A line under the messages for conversation-wide states; per-message errors sit on the message. */
export function StatusLine({ chat, strings }: { chat: ChatModel; strings: UiStrings }) {
  // Waiting shows as the typing indicator in the list; idle needs no line.
  return chat.status.value.kind === 'offline' ? (
    <output class="status" part="status">
      {strings.offline}
    </output>
  ) : null;
}
