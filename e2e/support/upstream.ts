import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDemoAssistant } from '../../src/demo/assistant.ts';

/** One request the stand-in upstream received, as it arrived on the wire. */
export interface RecordedCall {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/** A loopback Quickchat stand-in that records every call and answers with the demo assistant. */
export interface RecordingUpstream {
  /** Full URL of its chat route, for QUICKCHAT_API_URL. */
  url: string;
  /** Every call so far, oldest first. */
  calls: RecordedCall[];
  /** The JSON answer of every call, in the same order. */
  answers: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * Starts a recording Quickchat stand-in on 127.0.0.1. It answers through the embedded demo
 * assistant, accepting the credentials the e2e proxy is given, so the tests see exactly what the
 * proxy sends upstream and the browser gets realistic replies.
 */
export async function startRecordingUpstream(credentials: {
  apiKey: string;
  scenarioId: string;
}): Promise<RecordingUpstream> {
  const assistant = createDemoAssistant();
  const calls: RecordedCall[] = [];
  const answers: Array<Record<string, unknown>> = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = JSON.parse(raw || '{}') as Record<string, unknown>;
    calls.push({ path: req.url ?? '', headers: req.headers, body });
    // The demo assistant knows only its own credentials: translate ours after checking them.
    const valid =
      body['api_key'] === credentials.apiKey && body['scenario_id'] === credentials.scenarioId;
    const forwarded = valid
      ? { ...body, api_key: 'chatlet-demo-key', scenario_id: 'chatlet-demo' }
      : body;
    const answer = await assistant(
      new Request('http://upstream.test/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(forwarded),
      }),
    );
    const text = await answer.text();
    answers.push(JSON.parse(text) as Record<string, unknown>);
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/chat`,
    calls,
    answers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
