import { describe, expect, it } from 'vitest';
import { createHttpChatClient } from '../../src/client/chat-client.ts';
import { isChatletError, type ChatletError } from '../../src/core/errors.ts';
import type { ChatRequest } from '../../src/core/protocol.ts';

const request: ChatRequest = {
  text: 'Hi',
  client_message_id: '0b9d6f6e-4d0c-4a57-9a1d-3c1f2f7f2b11',
  client_metadata: { kb_topic: 'billing' },
};
const okBody = {
  conversation: 'tok-1',
  reply: 'Hello!',
  ord_number: 2,
  handoff: false,
  conversation_reset: false,
};

type Call = { url: string; init: RequestInit };

function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const call = { url: String(input), init: init ?? {} };
    calls.push(call);
    return respond(call);
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

async function failure(promise: Promise<unknown>): Promise<ChatletError> {
  try {
    await promise;
  } catch (error) {
    if (isChatletError(error)) return error;
    throw error;
  }
  throw new Error('expected the send to fail');
}

describe('createHttpChatClient', () => {
  it('posts the protocol as JSON to the endpoint and returns the checked reply', async () => {
    const { calls, fetch } = fakeFetch(() => json(okBody));
    const client = createHttpChatClient({ endpoint: 'https://proxy.test/chat', fetch });

    await expect(client.send(request)).resolves.toEqual(okBody);

    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('https://proxy.test/chat');
    expect(calls[0]?.init.method).toBe('POST');
    expect(new Headers(calls[0]?.init.headers).get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual(request);
  });

  it('reports a failed connection as a network error', async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await failure(createHttpChatClient({ endpoint: '/chat', fetch }).send(request));
    expect(error.code).toBe('network');
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('gives up with a timeout error when the proxy does not answer in time', async () => {
    const { fetch } = fakeFetch(
      ({ init }) =>
        new Promise<Response>((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    );
    const client = createHttpChatClient({ endpoint: '/chat', fetch, timeoutMs: 5 });
    const error = await failure(client.send(request));
    expect(error.code).toBe('timeout');
  });

  it('stops waiting when the caller aborts', async () => {
    const { fetch } = fakeFetch(
      ({ init }) =>
        new Promise<Response>((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    );
    const controller = new AbortController();
    const sent = createHttpChatClient({ endpoint: '/chat', fetch }).send(request, {
      signal: controller.signal,
    });
    controller.abort();
    expect((await failure(sent)).code).toBe('network');
  });

  it('reads a 4xx envelope as rejected, naming the field', async () => {
    const { fetch } = fakeFetch(() =>
      json(
        { error: { code: 'bad_request', message: 'text must not be empty.', field: 'text' } },
        400,
      ),
    );
    const error = await failure(createHttpChatClient({ endpoint: '/chat', fetch }).send(request));
    expect(error).toMatchObject({
      code: 'rejected',
      status: 400,
      field: 'text',
      message: 'text must not be empty.',
    });
  });

  it('reads a refused origin as a setting to fix, naming CHATLET_ALLOWED_ORIGINS', async () => {
    const { fetch } = fakeFetch(() =>
      json({ error: { code: 'forbidden_origin', message: 'Not allowed.' } }, 403),
    );
    const endpoint = 'https://chat.example.com/chat';
    const error = await failure(createHttpChatClient({ endpoint, fetch }).send(request));
    expect(error).toMatchObject({ code: 'rejected', status: 403, field: 'origin' });
    expect(error.message).toContain(endpoint);
    expect(error.message).toContain('CHATLET_ALLOWED_ORIGINS');
  });

  it('reads 429 as rate limited, with the wait from the body', async () => {
    const { fetch } = fakeFetch(() =>
      json({ error: { code: 'rate_limited', message: 'Busy.', retry_after_s: 12 } }, 429, {
        'Retry-After': '30',
      }),
    );
    const error = await failure(createHttpChatClient({ endpoint: '/chat', fetch }).send(request));
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterS: 12 });
  });

  it('falls back to the Retry-After header when a 429 has no envelope', async () => {
    const { fetch } = fakeFetch(
      () => new Response('slow down', { status: 429, headers: { 'Retry-After': '7' } }),
    );
    const error = await failure(createHttpChatClient({ endpoint: '/chat', fetch }).send(request));
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterS: 7 });
  });

  it('reports 5xx as an upstream error, also without an envelope', async () => {
    const { fetch } = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const error = await failure(createHttpChatClient({ endpoint: '/chat', fetch }).send(request));
    expect(error).toMatchObject({ code: 'upstream', status: 502 });
    expect(error.message).toContain('502');
  });

  it("reads the proxy's 504 upstream_timeout as a timeout, so the visitor hears it took too long", async () => {
    const { fetch } = fakeFetch(() =>
      json({ error: { code: 'upstream_timeout', message: 'The assistant took too long.' } }, 504),
    );
    const error = await failure(createHttpChatClient({ endpoint: '/chat', fetch }).send(request));
    expect(error).toMatchObject({ code: 'timeout', status: 504 });
  });

  it('refuses a 200 that is not JSON', async () => {
    const { fetch } = fakeFetch(
      () => new Response('<!doctype html><p>Welcome</p>', { status: 200 }),
    );
    const error = await failure(createHttpChatClient({ endpoint: '/chat', fetch }).send(request));
    expect(error.code).toBe('protocol');
    expect(error.message).toMatch(/data-endpoint/);
  });

  it('refuses a 200 JSON answer of the wrong shape', async () => {
    const { fetch } = fakeFetch(() => json({ reply: 'Hello!' }));
    const error = await failure(createHttpChatClient({ endpoint: '/chat', fetch }).send(request));
    expect(error.code).toBe('protocol');
  });

  it('uses the fetch of the moment, so a page can patch fetch after loading the widget', async () => {
    const original = globalThis.fetch;
    const { calls, fetch } = fakeFetch(() => json(okBody));
    const client = createHttpChatClient({ endpoint: '/chat' });
    globalThis.fetch = fetch;
    try {
      await client.send(request);
    } finally {
      globalThis.fetch = original;
    }
    expect(calls).toHaveLength(1);
  });
});
