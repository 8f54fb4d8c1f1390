import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoAssistant, type RunningDemoAssistant } from '../../src/demo/assistant-server.ts';
import { DEMO_API_KEY, DEMO_SCENARIO_ID } from '../../src/demo/credentials.ts';

const credentials = { api_key: DEMO_API_KEY, scenario_id: DEMO_SCENARIO_ID };
let running: RunningDemoAssistant | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function post(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('startDemoAssistant', () => {
  it('listens on loopback with a free port and names its chat route', async () => {
    running = await startDemoAssistant();
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/chat$/);
  });

  it('holds a conversation over HTTP, answering from the topic it is given', async () => {
    running = await startDemoAssistant();
    const first = await post(running.url, {
      ...credentials,
      text: 'Welche Zahlungsarten gibt es?',
      client_metadata: { kb_topic: 'billing' },
    });
    expect(first).toEqual({
      status: 200,
      body: {
        ord_number: 2,
        conv_id: expect.any(String),
        reply: expect.stringContaining('Wir akzeptieren **Visa'),
      },
    });
    const convId = (first.body as { conv_id: string }).conv_id;
    const second = await post(running.url, {
      ...credentials,
      conv_id: convId,
      text: 'And the shipping costs?',
      client_metadata: { kb_topic: 'billing' },
    });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ ord_number: 4, reply: expect.stringContaining('“billing”') });
  });

  it('refuses a wrong api_key with 401', async () => {
    running = await startDemoAssistant();
    const { status } = await post(running.url, { ...credentials, api_key: 'nope', text: 'Hi' });
    expect(status).toBe(401);
  });

  it('answers 413 to a body over its limit without reading all of it', async () => {
    running = await startDemoAssistant();
    const url = new URL(running.url);
    // A raw request, so the body can be far larger than anything fetch would be asked to send.
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        url,
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(`{"text":"${'x'.repeat(64 * 1024)}`);
      req.end('"}');
    });
    expect(status).toBe(413);
  });
  it('stops answering once closed', async () => {
    const server = await startDemoAssistant();
    await server.close();
    await expect(post(server.url, { ...credentials, text: 'Hi' })).rejects.toThrow('fetch failed');
  });
});
