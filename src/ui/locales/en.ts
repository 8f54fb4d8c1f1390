/*
 * Register. English: plain, friendly, no "please" stacking; the reference table every other language
 * is checked against (its keys define the string set).
 */
/** The English strings: the reference whose keys every language has (see strings.ts). */
export default {
  closeChat: 'Close chat',
  title: 'Chat',
  message: 'Message',
  placeholder: 'Type your message…',
  send: 'Send',
  typing: 'Assistant is typing…',
  you: 'You',
  assistant: 'Assistant',
  sending: 'Sending…',
  queued: 'Waiting to send',
  notSent: 'Not sent',
  retry: 'Retry',
  handoff: 'A team member will reply',
  menu: 'More options',
  newConversation: 'New conversation',
  unread: { one: '{count}\u00a0unread message', other: '{count}\u00a0unread messages' },
  offline: 'You are offline. Messages will be sent when the connection is back.',
  errorNetwork: 'The assistant could not be reached.',
  errorTimeout: 'The assistant took too long to answer.',
  errorBusy: 'The assistant is busy. Please try again in a moment.',
  errorBusyFor: 'The assistant is busy. Please try again in {seconds}\u00a0s.',
  errorUpstream: 'The assistant is unavailable right now.',
  errorRejected: 'This message could not be sent.',
  errorProtocol: 'Something went wrong on our side.',
  starters: 'Suggested questions',
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  copy: 'Copy',
  copyReply: 'Copy reply',
  copyCode: 'Copy code',
  copied: 'Copied',
  transcript: 'Download transcript',
};
