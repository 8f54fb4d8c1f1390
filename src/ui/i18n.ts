import type { Language } from '../core/options.ts';
import { OPEN_CHAT } from './launcher-label.ts';

/**
 * Every string the widget shows or announces, in English. The accessible names of the launcher,
 * close button, message field, send button are fixed (docs/ARCHITECTURE.md, "Accessible names"; tests query by them).
 */
const en = {
  openChat: OPEN_CHAT.en,
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
  unread: '{count} unread',
  offline: 'You are offline. Messages will be sent when the connection is back.',
  errorNetwork: 'The assistant could not be reached.',
  errorTimeout: 'The assistant took too long to answer.',
  errorBusy: 'The assistant is busy. Please try again in a moment.',
  errorBusyFor: 'The assistant is busy. Please try again in {seconds} s.',
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

/** The keys of the widget's strings; `data-strings` may replace any of them. */
export type StringKey = keyof typeof en;
/** A full set of the widget's strings. */
export type UiStrings = Record<StringKey, string>;

const de: UiStrings = {
  openChat: OPEN_CHAT.de,
  closeChat: 'Chat schließen',
  title: 'Chat',
  message: 'Nachricht',
  placeholder: 'Nachricht eingeben…',
  send: 'Senden',
  typing: 'Assistent schreibt…',
  you: 'Sie',
  assistant: 'Assistent',
  sending: 'Wird gesendet…',
  queued: 'Wartet auf Versand',
  notSent: 'Nicht gesendet',
  retry: 'Erneut senden',
  handoff: 'Ein Teammitglied antwortet Ihnen',
  menu: 'Weitere Optionen',
  newConversation: 'Neues Gespräch',
  unread: '{count} ungelesen',
  offline: 'Sie sind offline. Nachrichten werden gesendet, sobald die Verbindung zurück ist.',
  errorNetwork: 'Der Assistent ist nicht erreichbar.',
  errorTimeout: 'Der Assistent hat zu lange für eine Antwort gebraucht.',
  errorBusy: 'Der Assistent ist ausgelastet. Bitte versuchen Sie es gleich noch einmal.',
  errorBusyFor: 'Der Assistent ist ausgelastet. Bitte versuchen Sie es in {seconds} s noch einmal.',
  errorUpstream: 'Der Assistent ist gerade nicht verfügbar.',
  errorRejected: 'Diese Nachricht konnte nicht gesendet werden.',
  errorProtocol: 'Bei uns ist etwas schiefgegangen.',
  starters: 'Vorgeschlagene Fragen',
  helpful: 'Hilfreich',
  notHelpful: 'Nicht hilfreich',
  copy: 'Kopieren',
  copyReply: 'Antwort kopieren',
  copyCode: 'Code kopieren',
  copied: 'Kopiert',
  transcript: 'Gesprächsverlauf herunterladen',
};

const TABLES: Record<Language, UiStrings> = { en, de };

/** The string keys, for checking overrides and documenting them. */
export const STRING_KEYS = Object.keys(en) as StringKey[];

/** The outcome of {@link resolveStrings}: the strings, and override keys that match none. */
export interface ResolvedStrings {
  strings: UiStrings;
  unknownKeys: string[];
}

/**
 * The strings of `lang` with the site owner's overrides applied. Overrides are plain data (never
 * evaluated); keys that match no string are reported so the caller can warn about typos.
 */
export function resolveStrings(
  lang: Language,
  overrides: Readonly<Record<string, string>> = {},
): ResolvedStrings {
  const strings = { ...TABLES[lang] };
  const unknownKeys: string[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    if (isStringKey(key) && typeof value === 'string') strings[key] = value;
    else unknownKeys.push(key);
  }
  return { strings, unknownKeys };
}

function isStringKey(key: string): key is StringKey {
  return Object.hasOwn(en, key);
}

/** Fills `{name}` placeholders, e.g. `format('{count} unread', { count: 2 })`. */
export function format(
  template: string,
  values: Readonly<Record<string, string | number>>,
): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : match,
  );
}
