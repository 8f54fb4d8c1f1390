import { ChatletError } from '../core/errors.ts';
import { MESSAGE_CONTEXT_CHARS, TEXT_CHARS } from '../core/protocol.ts';

/** Refuses `value` of the call `what` (the proxy's `field`) longer than `max`: a page's script is told, not truncated. */
const checkLength = (what: string, field: string, max: number, value: string | undefined): void => {
  if (value && value.length > max) {
    throw new ChatletError(
      'config',
      `${what}: ${value.length} characters; shorten it to at most ${max}.`,
      { field },
    );
  }
};

/** Refuses a message longer than the proxy accepts: a page's script is told, not truncated. */
export const checkMessageLength = (text: string): void =>
  checkLength('send', 'text', TEXT_CHARS, text);

/** Refuses a `message_context` longer than the proxy accepts, as setMessageContext() promises. */
export const checkContextLength = (context: string | undefined): void =>
  checkLength('setMessageContext', 'message_context', MESSAGE_CONTEXT_CHARS, context);
