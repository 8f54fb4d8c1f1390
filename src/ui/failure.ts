import { ChatletError, isChatletError, type ChatletErrorCode } from '../core/errors.ts';
import { format, type UiStrings } from './i18n.ts';

/** Why a message was not delivered, as the UI shows it. */
export interface Failure {
  /** What went wrong. */
  code: ChatletErrorCode;
  /** Seconds the proxy asked us to wait, for `rate_limited`. */
  retryAfterS?: number;
  /** The original error, for the `error` event of the API. */
  error: ChatletError;
}

/**
 * The one place where a thrown value becomes UI state. Anything that is not a
 * {@link ChatletError} is a bug on our side; it still becomes a `protocol` failure, so a visitor
 * always gets a Retry instead of a frozen panel.
 */
export function toFailure(error: unknown): Failure {
  const chatletError = isChatletError(error)
    ? error
    : new ChatletError('protocol', 'Unexpected error while sending.', { cause: error });
  const failure: Failure = { code: chatletError.code, error: chatletError };
  if (chatletError.retryAfterS !== undefined) failure.retryAfterS = chatletError.retryAfterS;
  return failure;
}

/** Whether a failure means "no connection", so the message should wait for one instead. */
export function isConnectionLoss(failure: Failure, online: boolean): boolean {
  return failure.code === 'network' && !online;
}

/** The sentence the error line shows for a failure. */
export function describeFailure(failure: Failure | undefined, strings: UiStrings): string {
  switch (failure?.code) {
    case 'network':
      return strings.errorNetwork;
    case 'timeout':
      return strings.errorTimeout;
    case 'rate_limited':
      return failure.retryAfterS === undefined
        ? strings.errorBusy
        : format(strings.errorBusyFor, { seconds: Math.ceil(failure.retryAfterS) }, strings.lang);
    case 'upstream':
      return strings.errorUpstream;
    case 'rejected':
    case 'config':
      return strings.errorRejected;
    case 'protocol':
      return strings.errorProtocol;
    case undefined:
      // Failed in an earlier page view: the reason is gone, the message and its Retry are not.
      return strings.notSent;
  }
}
