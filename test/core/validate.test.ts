import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/protocol.ts';
import {
  checkChatReply,
  checkChatRequest,
  checkMetadata,
  readErrorBody,
} from '../../src/core/validate.ts';

describe('checkChatRequest', () => {
  it('accepts a full request and keeps only the protocol fields', () => {
    const checked = checkChatRequest({
      text: 'Hi',
      conversation: 'tok',
      message_context: 'Looking at plan Pro',
      client_metadata: { kb_topic: 'billing', page: 3, logged_in: true },
      client_message_id: '0b7c1c1e-2f7a-4a53-9d7e-1b2c3d4e5f60',
      api_key: 'smuggled',
    });
    expect(checked).toEqual({
      ok: true,
      value: {
        text: 'Hi',
        conversation: 'tok',
        message_context: 'Looking at plan Pro',
        client_metadata: { kb_topic: 'billing', page: 3, logged_in: true },
        client_message_id: '0b7c1c1e-2f7a-4a53-9d7e-1b2c3d4e5f60',
      },
    });
  });

  it.each([
    ['a body that is not an object', [], 'body'],
    ['a missing text', {}, 'text'],
    ['a whitespace-only text', { text: '  \n ' }, 'text'],
    ['a text over the limit', { text: 'x'.repeat(LIMITS.textChars + 1) }, 'text'],
    ['a numeric conversation', { text: 'a', conversation: 5 }, 'conversation'],
    [
      'a message_context over 1,000 characters',
      { text: 'a', message_context: 'x'.repeat(1001) },
      'message_context',
    ],
    ['metadata that is a list', { text: 'a', client_metadata: ['x'] }, 'client_metadata'],
    ['a malformed client_message_id', { text: 'a', client_message_id: 'a b' }, 'client_message_id'],
  ])('refuses %s, naming the field', (_, body, field) => {
    expect(checkChatRequest(body)).toMatchObject({
      ok: false,
      field,
      message: expect.stringMatching(/.{10,}/),
    });
  });

  it('accepts a text of exactly the limit', () => {
    expect(checkChatRequest({ text: 'x'.repeat(LIMITS.textChars) }).ok).toBe(true);
  });

  it('treats null optional fields as absent', () => {
    expect(checkChatRequest({ text: 'a', conversation: null, client_metadata: null })).toEqual({
      ok: true,
      value: { text: 'a' },
    });
  });
});

describe('checkMetadata', () => {
  it('allows five keys and refuses six', () => {
    const five = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`k${n}`, n]));
    expect(checkMetadata(five).ok).toBe(true);
    const six = checkMetadata({ ...five, k6: 6 });
    expect(six).toMatchObject({ ok: false, field: 'client_metadata' });
  });

  it.each([
    [{ 'bad key': 'x' }, 'client_metadata.bad key'],
    [{ ['k'.repeat(41)]: 'x' }, `client_metadata.${'k'.repeat(40)}`],
    [{ nested: { a: 1 } }, 'client_metadata.nested'],
    [{ long: 'x'.repeat(201) }, 'client_metadata.long'],
    [{ nan: Number.NaN }, 'client_metadata.nan'],
  ])('refuses %j naming the key', (metadata, field) => {
    expect(checkMetadata(metadata)).toMatchObject({ ok: false, field });
  });
});

describe('checkChatReply', () => {
  it('fills the optional flags with safe defaults', () => {
    expect(checkChatReply({ conversation: 't', reply: 'Hello' })).toEqual({
      ok: true,
      value: {
        conversation: 't',
        reply: 'Hello',
        ord_number: 0,
        handoff: false,
        conversation_reset: false,
      },
    });
  });

  it('refuses an answer without a token or a reply', () => {
    expect(checkChatReply({ reply: 'x' }).ok).toBe(false);
    expect(checkChatReply({ conversation: 't' }).ok).toBe(false);
    expect(checkChatReply('<html>').ok).toBe(false);
  });
});

describe('readErrorBody', () => {
  it('reads the envelope with its optional fields', () => {
    expect(
      readErrorBody({
        error: { code: 'rate_limited', message: 'Slow down', retry_after_s: 12, extra: 1 },
      }),
    ).toEqual({ code: 'rate_limited', message: 'Slow down', retry_after_s: 12 });
  });

  it('ignores bodies that are not the envelope or carry an unknown code', () => {
    expect(readErrorBody({ error: { code: 'teapot', message: 'x' } })).toBeUndefined();
    expect(readErrorBody({ message: 'x' })).toBeUndefined();
    expect(readErrorBody(null)).toBeUndefined();
  });
});
