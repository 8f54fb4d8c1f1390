import { afterEach, describe, expect, it, vi } from 'vitest';
import { newMessageId } from '../../src/client/message-id.ts';
import { CLIENT_MESSAGE_ID } from '../../src/core/protocol.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newMessageId', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('makes ids the proxy accepts as client_message_id', () => {
    const id = newMessageId();
    expect(id).toMatch(CLIENT_MESSAGE_ID);
    expect(newMessageId()).not.toBe(id);
  });

  it('still makes v4 UUIDs where randomUUID is missing (plain-http pages)', () => {
    const { getRandomValues } = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(globalThis.crypto) });
    const ids = new Set(Array.from({ length: 50 }, () => newMessageId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });
});
