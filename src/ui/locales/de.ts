/*
 * Register. German: "Sie". German shops address customers with Sie in service contexts (orders, support);
 * du is a brand choice a site owner can make with data-strings.
 */
import type { LocaleStrings } from '../strings.ts';

/** The widget's strings in German. */
export default {
  closeChat: 'Chat schließen',
  title: 'Chat',
  message: 'Nachricht',
  placeholder: 'Nachricht eingeben',
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
  unread: {
    one: '{count}\u00a0ungelesene Nachricht',
    other: '{count}\u00a0ungelesene Nachrichten',
  },
  offline: 'Sie sind offline. Nachrichten werden gesendet, sobald die Verbindung zurück ist.',
  errorNetwork: 'Der Assistent ist nicht erreichbar.',
  errorTimeout: 'Der Assistent hat zu lange für eine Antwort gebraucht.',
  errorBusy: 'Der Assistent ist ausgelastet. Bitte versuchen Sie es gleich noch einmal.',
  errorBusyFor:
    'Der Assistent ist ausgelastet. Bitte versuchen Sie es in {seconds}\u00a0s noch einmal.',
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
  earlier: 'Frühere Nachrichten anzeigen',
} satisfies LocaleStrings;
