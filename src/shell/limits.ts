import { ChatletError } from '../core/errors.ts';
import { MESSAGE_CONTEXT_CHARS, TEXT_CHARS } from '../core/protocol.ts';

const tooLong = (what: string, length: number, max: number, field: string): ChatletError =>
  new ChatletError(
    'config',
    `${what} is ${length} characters long; shorten it to at most ${max}.`,
    { field },
  );

/** Refuses a message longer than the proxy accepts: a page's script is told, not truncated. */
export function checkMessageLength(text: string): void {
  if (text.length > TEXT_CHARS) {
    throw tooLong('send: the message', text.length, TEXT_CHARS, 'text');
  }
}

/** Refuses a `message_context` longer than the proxy accepts, as setMessageContext() promises. */
export function checkContextLength(context: string | undefined): void {
  if (context !== undefined && context.length > MESSAGE_CONTEXT_CHARS) {
    throw tooLong(
      'setMessageContext: the context',
      context.length,
      MESSAGE_CONTEXT_CHARS,
      'message_context',
    );
  }
}
