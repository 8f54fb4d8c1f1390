import { UpstreamError, type UpstreamReply } from '../provider.ts';
import { parseObject, parseRetryAfter, type UpstreamResponse } from './upstream-http.ts';

/** Quickchat no longer knows the conversation we sent. */
export class UnknownConversation extends UpstreamError {}

/** Reads a 2xx answer of Quickchat's `/chat`; `convId` is the conversation the request continued. */
export function readReply(
  response: UpstreamResponse,
  convId: string | undefined,
  label: string,
): UpstreamReply {
  const body = parseObject(response.text);
  if (body === undefined || typeof body['reply'] !== 'string') {
    throw new UpstreamError('bad_response', `${label} answered 2xx without a "reply" string.`, {
      status: response.status,
    });
  }
  // A continued conversation may answer without conv_id (source document): keep the one we have.
  const answered = body['conv_id'];
  const conversationKey =
    typeof answered === 'string' && answered !== ''
      ? answered
      : typeof answered === 'number'
        ? String(answered)
        : convId;
  if (conversationKey === undefined) {
    throw new UpstreamError('bad_response', `${label} started a conversation without a conv_id.`, {
      status: response.status,
    });
  }
  const ord = body['ord_number'];
  return {
    reply: body['reply'],
    conversationKey,
    ordNumber: typeof ord === 'number' && Number.isFinite(ord) ? ord : 0,
    handoff: false,
    conversationReset: false,
  };
}

/** Classifies a non-2xx answer for the retry policy and the HTTP mapping; never keeps the body. */
export function failureOf(
  response: UpstreamResponse,
  convId: string | undefined,
  label: string,
): UpstreamError {
  const { status } = response;
  if (
    status === 400 &&
    convId !== undefined &&
    /conv_?id/i.test(response.text) &&
    /(not exist|existiert nicht|not found)/i.test(response.text)
  ) {
    return new UnknownConversation('misconfigured', `${label} no longer knows the conversation.`, {
      status,
    });
  }
  if (status === 401 || status === 403) {
    return new UpstreamError(
      'unauthorized',
      `${label} refused the credentials (HTTP ${status}): check QUICKCHAT_API_KEY or QUICKCHAT_TOKEN and QUICKCHAT_SCENARIO_ID.`,
      { status },
    );
  }
  if (status === 429) {
    const retryAfterS = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    return new UpstreamError(
      'rate_limited',
      `${label} rate limit reached (HTTP 429).`,
      retryAfterS === undefined ? { status } : { status, retryAfterS },
    );
  }
  if (status === 503) {
    return new UpstreamError('unavailable', `${label} is unavailable (HTTP 503).`, { status });
  }
  if (status >= 500) {
    return new UpstreamError('failed', `${label} failed (HTTP ${status}).`, { status });
  }
  const hint =
    status === 0 || (status >= 300 && status < 400)
      ? 'a redirect: check QUICKCHAT_API_URL'
      : status === 400
        ? 'missing or invalid parameters: check QUICKCHAT_SCENARIO_ID'
        : 'check QUICKCHAT_API_URL and the credentials';
  return new UpstreamError(
    'misconfigured',
    `${label} refused the request (HTTP ${status}, ${hint}).`,
    {
      status,
    },
  );
}
