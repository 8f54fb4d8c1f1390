/*
 * Register. Dutch: "je". Dutch and Flemish web shops (e.g. bol.com, Coolblue) use je; u is for banks and
 * government.
 */
import type { LocaleStrings } from '../strings.ts';

/** The widget's strings in Dutch. */
export default {
  closeChat: 'Chat sluiten',
  title: 'Chat',
  message: 'Bericht',
  placeholder: 'Typ je bericht',
  send: 'Versturen',
  typing: 'Assistent is aan het typen…',
  you: 'Jij',
  assistant: 'Assistent',
  sending: 'Wordt verstuurd…',
  queued: 'Wacht op verzending',
  notSent: 'Niet verstuurd',
  retry: 'Opnieuw proberen',
  handoff: 'Een medewerker beantwoordt je bericht',
  menu: 'Meer opties',
  newConversation: 'Nieuw gesprek',
  unread: { one: '{count}\u00a0ongelezen bericht', other: '{count}\u00a0ongelezen berichten' },
  offline: 'Je bent offline. Berichten worden verstuurd zodra de verbinding terug is.',
  errorNetwork: 'De assistent is niet bereikbaar.',
  errorTimeout: 'De assistent deed er te lang over om te antwoorden.',
  errorBusy: 'De assistent is bezet. Probeer het zo nog eens.',
  errorBusyFor: 'De assistent is bezet. Probeer het over {seconds}\u00a0s nog eens.',
  errorUpstream: 'De assistent is nu niet beschikbaar.',
  errorRejected: 'Dit bericht kon niet worden verstuurd.',
  errorProtocol: 'Er ging bij ons iets mis.',
  starters: 'Voorgestelde vragen',
  helpful: 'Nuttig',
  notHelpful: 'Niet nuttig',
  copy: 'Kopiëren',
  copyReply: 'Antwoord kopiëren',
  copyCode: 'Code kopiëren',
  copied: 'Gekopieerd',
  transcript: 'Gesprek downloaden',
  earlier: 'Eerdere berichten tonen',
} satisfies LocaleStrings;
