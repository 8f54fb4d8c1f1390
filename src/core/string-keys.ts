/**
 * The keys of the widget's own strings, which the `strings` option may replace
 * (`strings: { send: 'Go' }`). Kept here, as a type only, so the public options can name them
 * while the texts themselves stay in the UI's language files (src/ui/locales); src/ui/strings.ts
 * fails to compile when the English file and this list differ, so a new string is added to both.
 * `openChat` is the launcher's name and `closeTeaser` the teaser's close button's, which live apart
 * (src/ui/launcher-label.ts): the loader shows them before any language file.
 */
export type StringKey =
  | 'openChat'
  | 'closeTeaser'
  | 'closeChat'
  | 'title'
  | 'message'
  | 'placeholder'
  | 'send'
  | 'typing'
  | 'you'
  | 'assistant'
  | 'sending'
  | 'queued'
  | 'notSent'
  | 'retry'
  | 'handoff'
  | 'menu'
  | 'newConversation'
  | 'unread'
  | 'offline'
  | 'errorNetwork'
  | 'errorTimeout'
  | 'errorBusy'
  | 'errorBusyFor'
  | 'errorUpstream'
  | 'errorRejected'
  | 'errorProtocol'
  | 'starters'
  | 'helpful'
  | 'notHelpful'
  | 'copy'
  | 'copyReply'
  | 'copyCode'
  | 'copied'
  | 'transcript'
  | 'earlier';

/** Replacements for the widget's own strings, by key; any key left out keeps the built-in text. */
export type StringOverrides = Partial<Record<StringKey, string>>;
