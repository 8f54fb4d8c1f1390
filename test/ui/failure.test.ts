import { describe, expect, it } from 'vitest';
import { ChatletError, type ChatletErrorCode } from '../../src/core/errors.ts';
import { describeFailure, isConnectionLoss, toFailure } from '../../src/ui/failure.ts';
import { resolveStrings } from '../../src/ui/i18n.ts';
import { LOCALES } from '../../src/ui/all-locales.ts';

const { strings } = resolveStrings('en', LOCALES.en);

describe('failures as the visitor sees them', () => {
  it('gives every error code its own sentence', () => {
    const codes: ChatletErrorCode[] = [
      'network',
      'timeout',
      'rate_limited',
      'upstream',
      'rejected',
      'protocol',
    ];
    const sentences = codes.map((code) =>
      describeFailure(toFailure(new ChatletError(code, 'x')), strings),
    );
    expect(new Set(sentences).size).toBe(codes.length);
  });

  it('says how long to wait when the proxy said so', () => {
    const failure = toFailure(new ChatletError('rate_limited', 'x', { retryAfterS: 7.2 }));
    expect(describeFailure(failure, strings)).toContain('in 8\u00a0s');
  });

  it('turns an unexpected throw into a protocol failure instead of a frozen panel', () => {
    const failure = toFailure(new RangeError('boom'));
    expect(failure.code).toBe('protocol');
    expect(failure.error.cause).toBeInstanceOf(RangeError);
  });

  it('says "Not sent" for a failure from an earlier page view', () => {
    expect(describeFailure(undefined, strings)).toBe('Not sent');
  });

  it('treats a network error as a lost connection only while offline', () => {
    const failure = toFailure(new ChatletError('network', 'x'));
    expect(isConnectionLoss(failure, false)).toBe(true);
    expect(isConnectionLoss(failure, true)).toBe(false);
  });
});
