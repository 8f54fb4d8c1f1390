/*
 * Register. French: "vous". Tutoiement reads as overly familiar from a shop to a customer.
 */
import type { LocaleStrings } from '../strings.ts';

/** The widget's strings in French. */
export default {
  closeChat: 'Fermer le chat',
  title: 'Chat',
  message: 'Message',
  placeholder: 'Écrivez votre message',
  send: 'Envoyer',
  typing: 'L’assistant écrit…',
  you: 'Vous',
  assistant: 'Assistant',
  sending: 'Envoi en cours…',
  queued: 'En attente d’envoi',
  notSent: 'Non envoyé',
  retry: 'Réessayer',
  handoff: 'Un membre de l’équipe va vous répondre',
  menu: 'Plus d’options',
  newConversation: 'Nouvelle conversation',
  unread: {
    one: '{count}\u00a0message non lu',
    many: '{count}\u00a0messages non lus',
    other: '{count}\u00a0messages non lus',
  },
  offline: 'Vous êtes hors ligne. Les messages partiront dès le retour de la connexion.',
  errorNetwork: 'Impossible de joindre l’assistant.',
  errorTimeout: 'L’assistant a mis trop de temps à répondre.',
  errorBusy: 'L’assistant est occupé. Veuillez réessayer dans un instant.',
  errorBusyFor: 'L’assistant est occupé. Veuillez réessayer dans {seconds}\u00a0s.',
  errorUpstream: 'L’assistant est indisponible pour le moment.',
  errorRejected: 'Ce message n’a pas pu être envoyé.',
  errorProtocol: 'Un problème est survenu de notre côté.',
  starters: 'Questions suggérées',
  helpful: 'Utile',
  notHelpful: 'Pas utile',
  copy: 'Copier',
  copyReply: 'Copier la réponse',
  copyCode: 'Copier le code',
  copied: 'Copié',
  transcript: 'Télécharger la conversation',
  earlier: 'Afficher les messages précédents',
} satisfies LocaleStrings;
