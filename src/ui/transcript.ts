import type { ChatMessage } from '../core/messages.ts';
import { formatTime } from './format-time.ts';
import type { UiStrings } from './i18n.ts';
import { replyAsPlainText } from './rich-text/plain-text.ts';

/**
 * The conversation as plain text: who, when (with the date) and what, one block per message;
 * replies without their markup. `title` heads the file.
 */
export function transcriptText(
  messages: readonly ChatMessage[],
  strings: UiStrings,
  lang: string,
  title: string,
): string {
  const blocks = messages.map((message) => {
    const who = message.role === 'user' ? strings.you : strings.assistant;
    const text = message.role === 'user' ? message.text : replyAsPlainText(message.text);
    // 0 as "now" makes formatTime always include the date.
    return `${who} · ${formatTime(message.at, lang, 0)}\n${text}`;
  });
  return `${[title, ...blocks].join('\n\n')}\n`;
}

/**
 * Saves `text` as a file on the visitor's device, in the browser alone: no server, no upload. The
 * link is never attached to the page, so the host's click handlers do not see it.
 */
export function downloadText(text: string, name: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  link.download = name;
  link.click();
  // Revoked a minute later, not on the next task: a busy browser may read the blob after the click
  // returns, and a URL revoked by then cancels the download without a word (FileSaver.js waits 40 s
  // for the same reason: https://github.com/eligrey/FileSaver.js/blob/master/src/FileSaver.js).
  setTimeout(() => URL.revokeObjectURL(link.href), 6e4);
}
