import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the stand-in answers one call; calls beyond the script get a numbered plain reply. */
export type ScriptedStep =
  /** A success carrying `reply`; `handoff` only exists in Famulor's contract (`ai_disabled`). */
  | { reply: string; handoff?: boolean; after?: Promise<void> }
  /** A failure with this HTTP status, a small JSON body and these headers (e.g. Retry-After). */
  | { status: number; headers?: Record<string, string>; after?: Promise<void> };

/** One call as it arrived, with its JSON body. */
export interface ScriptedCall {
  body: Record<string, unknown>;
}

/** A loopback upstream whose answers a test scripts, in Quickchat's legacy or Famulor's contract. */
export interface ScriptedUpstream {
  /** The chat URL, for QUICKCHAT_API_URL or FAMULOR_API_URL. */
  url: string;
  /** Every call so far, oldest first. */
  calls: ScriptedCall[];
  /** Queues how the next calls are answered, one step each. */
  script(...steps: ScriptedStep[]): void;
  close(): Promise<void>;
}

/** Which upstream contract the stand-in speaks. */
export type ScriptedDialect = 'quickchat' | 'famulor';

/**
 * Starts the stand-in on 127.0.0.1. In the Quickchat dialect it keeps `conv_id`s (a call without one
 * starts `conv-<n>`) and answers `{ord_number, conv_id, reply}`; in the Famulor dialect it answers
 * `{success, reply, ai_disabled}`. Unscripted calls are answered "Reply <n>" (n counts calls).
 */
export async function startScriptedUpstream(dialect: ScriptedDialect): Promise<ScriptedUpstream> {
  const calls: ScriptedCall[] = [];
  const steps: ScriptedStep[] = [];
  let conversations = 0;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<
      string,
      unknown
    >;
    calls.push({ body });
    const step: ScriptedStep = steps.shift() ?? { reply: `Reply ${calls.length}` };
    await step.after;
    res.setHeader('content-type', 'application/json');
    if ('status' in step) {
      res.writeHead(step.status, step.headers);
      res.end(JSON.stringify({ error: 'scripted failure' }));
      return;
    }
    if (dialect === 'famulor') {
      res.end(
        JSON.stringify({ success: true, reply: step.reply, ai_disabled: step.handoff === true }),
      );
      return;
    }
    const convId =
      typeof body['conv_id'] === 'string' ? body['conv_id'] : `conv-${++conversations}`;
    res.end(JSON.stringify({ ord_number: calls.length, conv_id: convId, reply: step.reply }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/chat`,
    calls,
    script: (...next) => void steps.push(...next),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
