/*
 * Register. Italian: "tu". Italian e-commerce UI (e.g. Amazon.it, Zalando.it) uses tu; Lei is kept for
 * letters, and reads distant in a chat window.
 */
import type { LocaleStrings } from '../strings.ts';

/** The widget's strings in Italian. */
export default {
  closeChat: 'Chiudi la chat',
  title: 'Chat',
  message: 'Messaggio',
  placeholder: 'Scrivi il tuo messaggio',
  send: 'Invia',
  typing: 'L’assistente sta scrivendo…',
  you: 'Tu',
  assistant: 'Assistente',
  sending: 'Invio in corso…',
  queued: 'In attesa di invio',
  notSent: 'Non inviato',
  retry: 'Riprova',
  handoff: 'Ti risponderà una persona del nostro team',
  menu: 'Altre opzioni',
  newConversation: 'Nuova conversazione',
  unread: {
    one: '{count}\u00a0messaggio non letto',
    many: '{count}\u00a0messaggi non letti',
    other: '{count}\u00a0messaggi non letti',
  },
  offline: 'Sei offline. I messaggi verranno inviati appena torna la connessione.',
  errorNetwork: 'Impossibile raggiungere l’assistente.',
  errorTimeout: 'L’assistente ha impiegato troppo tempo a rispondere.',
  errorBusy: 'L’assistente è occupato. Riprova tra un momento.',
  errorBusyFor: 'L’assistente è occupato. Riprova tra {seconds}\u00a0s.',
  errorUpstream: 'L’assistente al momento non è disponibile.',
  errorRejected: 'Non è stato possibile inviare questo messaggio.',
  errorProtocol: 'Qualcosa è andato storto da parte nostra.',
  starters: 'Domande suggerite',
  helpful: 'Utile',
  notHelpful: 'Non utile',
  copy: 'Copia',
  copyReply: 'Copia la risposta',
  copyCode: 'Copia il codice',
  copied: 'Copiato',
  transcript: 'Scarica la conversazione',
  earlier: 'Mostra i messaggi precedenti',
} satisfies LocaleStrings;
