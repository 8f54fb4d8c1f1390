/*
 * Register. Portuguese: Brazilian Portuguese with "você" (the largest audience); words are chosen to read
 * naturally in Portugal too (no "tu", no gerund-only forms where a noun works).
 */
import type { LocaleStrings } from '../strings.ts';

/** The widget's strings in Portuguese. */
export default {
  closeChat: 'Fechar chat',
  title: 'Chat',
  message: 'Mensagem',
  placeholder: 'Escreva uma mensagem',
  send: 'Enviar',
  typing: 'O assistente está digitando…',
  you: 'Você',
  assistant: 'Assistente',
  sending: 'Enviando…',
  queued: 'Aguardando envio',
  notSent: 'Não enviada',
  retry: 'Tentar novamente',
  handoff: 'Uma pessoa da nossa equipe vai responder',
  menu: 'Mais opções',
  newConversation: 'Nova conversa',
  unread: {
    one: '{count}\u00a0mensagem não lida',
    many: '{count}\u00a0mensagens não lidas',
    other: '{count}\u00a0mensagens não lidas',
  },
  offline: 'Você está sem conexão. As mensagens serão enviadas quando a conexão voltar.',
  errorNetwork: 'Não foi possível conectar ao assistente.',
  errorTimeout: 'O assistente demorou demais para responder.',
  errorBusy: 'O assistente está ocupado. Tente novamente em instantes.',
  errorBusyFor: 'O assistente está ocupado. Tente novamente em {seconds}\u00a0s.',
  errorUpstream: 'O assistente não está disponível no momento.',
  errorRejected: 'Não foi possível enviar esta mensagem.',
  errorProtocol: 'Algo deu errado do nosso lado.',
  starters: 'Perguntas sugeridas',
  helpful: 'Útil',
  notHelpful: 'Não foi útil',
  copy: 'Copiar',
  copyReply: 'Copiar resposta',
  copyCode: 'Copiar código',
  copied: 'Copiado',
  transcript: 'Baixar a conversa',
  earlier: 'Mostrar mensagens anteriores',
} satisfies LocaleStrings;
