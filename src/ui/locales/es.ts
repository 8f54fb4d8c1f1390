/*
 * Register. Spanish: "tú". Spanish web shops (e.g. Amazon.es, Zara) address visitors with tú; usted reads
 * stiff in a chat. Neutral vocabulary that Spain and Latin America both read naturally.
 */
import type { LocaleStrings } from '../strings.ts';

/** The widget's strings in Spanish. */
export default {
  closeChat: 'Cerrar chat',
  title: 'Chat',
  message: 'Mensaje',
  placeholder: 'Escribe tu mensaje',
  send: 'Enviar',
  typing: 'El asistente está escribiendo…',
  you: 'Tú',
  assistant: 'Asistente',
  sending: 'Enviando…',
  queued: 'Pendiente de envío',
  notSent: 'No enviado',
  retry: 'Reintentar',
  handoff: 'Una persona de nuestro equipo te responderá',
  menu: 'Más opciones',
  newConversation: 'Nueva conversación',
  unread: {
    one: '{count}\u00a0mensaje sin leer',
    many: '{count}\u00a0mensajes sin leer',
    other: '{count}\u00a0mensajes sin leer',
  },
  offline: 'No tienes conexión. Los mensajes se enviarán cuando vuelva.',
  errorNetwork: 'No se ha podido contactar con el asistente.',
  errorTimeout: 'El asistente ha tardado demasiado en responder.',
  errorBusy: 'El asistente está ocupado. Inténtalo de nuevo en un momento.',
  errorBusyFor: 'El asistente está ocupado. Inténtalo de nuevo dentro de {seconds}\u00a0s.',
  errorUpstream: 'El asistente no está disponible en este momento.',
  errorRejected: 'No se ha podido enviar este mensaje.',
  errorProtocol: 'Algo ha fallado por nuestra parte.',
  starters: 'Preguntas sugeridas',
  helpful: 'Útil',
  notHelpful: 'No es útil',
  copy: 'Copiar',
  copyReply: 'Copiar respuesta',
  copyCode: 'Copiar código',
  copied: 'Copiado',
  transcript: 'Descargar la conversación',
  earlier: 'Mostrar mensajes anteriores',
} satisfies LocaleStrings;
