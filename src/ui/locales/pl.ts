/*
 * Register. Polish: "ty" (2nd person singular), as Polish shops do (e.g. Allegro, "Twoje konto"); Pan/Pani
 * would force a gender. Past-tense forms, which are gendered in Polish, are avoided.
 */
import type { LocaleStrings } from '../strings.ts';

/** The widget's strings in Polish. */
export default {
  closeChat: 'Zamknij czat',
  title: 'Czat',
  message: 'Wiadomość',
  placeholder: 'Napisz wiadomość',
  send: 'Wyślij',
  typing: 'Asystent pisze…',
  you: 'Ty',
  assistant: 'Asystent',
  sending: 'Wysyłanie…',
  queued: 'Czeka na wysłanie',
  notSent: 'Nie wysłano',
  retry: 'Spróbuj ponownie',
  handoff: 'Odpowie Ci ktoś z naszego zespołu',
  menu: 'Więcej opcji',
  newConversation: 'Nowa rozmowa',
  unread: {
    one: '{count}\u00a0nieprzeczytana wiadomość',
    few: '{count}\u00a0nieprzeczytane wiadomości',
    many: '{count}\u00a0nieprzeczytanych wiadomości',
    other: '{count}\u00a0nieprzeczytanej wiadomości',
  },
  offline: 'Brak połączenia z internetem. Wiadomości zostaną wysłane, gdy połączenie wróci.',
  errorNetwork: 'Nie udało się połączyć z asystentem.',
  errorTimeout: 'Asystent zbyt długo nie odpowiadał.',
  errorBusy: 'Asystent jest zajęty. Spróbuj ponownie za chwilę.',
  errorBusyFor: 'Asystent jest zajęty. Spróbuj ponownie za {seconds}\u00a0s.',
  errorUpstream: 'Asystent jest teraz niedostępny.',
  errorRejected: 'Nie udało się wysłać tej wiadomości.',
  errorProtocol: 'Coś poszło nie tak po naszej stronie.',
  starters: 'Proponowane pytania',
  helpful: 'Pomocne',
  notHelpful: 'Niepomocne',
  copy: 'Kopiuj',
  copyReply: 'Kopiuj odpowiedź',
  copyCode: 'Kopiuj kod',
  copied: 'Skopiowano',
  transcript: 'Pobierz rozmowę',
  earlier: 'Pokaż wcześniejsze wiadomości',
} satisfies LocaleStrings;
