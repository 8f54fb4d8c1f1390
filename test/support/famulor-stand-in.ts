import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { answerFault, type FaultStep } from './fault-steps.ts';
import type { AddressInfo } from 'node:net';

/** The two documented paths of Famulor's "AI Replies" endpoint (https://docs.famulor.de). */
export const FAMULOR_PATHS = ['/api/ai/generate-reply', '/api/user/ai/generate-reply'] as const;

/** How the stand-in answers one request; unscripted requests get a documented success. */
export type FamulorStep =
  /** A documented success; `reply: null` or `undefined` omits the reply field. */
  | {
      kind: 'reply';
      reply?: string | null;
      functionCalls?: unknown[];
      aiDisabled?: boolean;
      /** Echo a different `customer_identifier` than the one sent. */
      customerIdentifier?: string;
      /** Answer only after this many ms, like a slow model; for concurrency tests, not timing. */
      delayMs?: number;
    }
  /** A failure: a status, a raw body, a hang or a reset (see fault-steps.ts). */
  | FaultStep;

/** One request as the stand-in received it. */
export interface FamulorRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
}

/** A running stand-in of Famulor's API on 127.0.0.1. */
export interface FamulorStandIn {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** The full URL of a documented path (the first one by default). */
  endpoint(path?: (typeof FAMULOR_PATHS)[number]): string;
  /** Every request received, in order. */
  requests: FamulorRequest[];
  /** Queues how the next requests are answered, one step each. */
  script(...steps: FamulorStep[]): void;
  /** Calls refused with 429 because `requestsPerMinute` was spent. */
  readonly refused: number;
  /** Stops the server and drops hanging connections. */
  close(): Promise<void>;
}

/** Settings of {@link startFamulorStandIn}. */
export interface FamulorStandInOptions {
  /** The API token it accepts; any other gets the 302 to the login page the real API sends. */
  token: string;
  /** Assistants that exist; any other id gets the documented 404 ASSISTANT_NOT_FOUND. */
  assistantIds: number[];
  /**
   * Calls accepted in any 60 seconds, like the real API's limit per token; one more gets a 429
   * with `Retry-After`, counted in `refused`.
   * @default unlimited
   */
  requestsPerMinute?: number;
}

/**
 * Starts a loopback stand-in that checks auth and body shape like Famulor does: a wrong token is a
 * 302 to `/login`, a wrong body a Laravel-style 422, an unknown assistant the documented 404.
 */
export async function startFamulorStandIn(options: FamulorStandInOptions): Promise<FamulorStandIn> {
  const requests: FamulorRequest[] = [];
  const steps: FamulorStep[] = [];
  const turns = new Map<string, number>();
  const accepted: number[] = [];
  let refused = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    let body: unknown = text;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // Kept as text: the test may want to see what was sent.
    }
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    requests.push({ method: req.method ?? '', path, headers: req.headers, body });

    if (req.headers.authorization !== `Bearer ${options.token}`) {
      // Famulor's web middleware sends unauthenticated API calls to its login page.
      res.writeHead(302, { location: '/login', 'content-type': 'text/html' });
      res.end('<html><body>Redirecting to /login</body></html>');
      return;
    }
    if (!(FAMULOR_PATHS as readonly string[]).includes(path)) {
      return json(res, 404, { message: 'Not Found' });
    }
    if (req.method !== 'POST') return json(res, 405, { message: 'Method Not Allowed' });
    if (options.requestsPerMinute !== undefined) {
      const now = Date.now();
      while (accepted.length > 0 && (accepted[0] ?? 0) <= now - 60_000) accepted.shift();
      if (accepted.length >= options.requestsPerMinute) {
        refused += 1;
        const retryAfter = Math.ceil(((accepted[0] ?? now) + 60_000 - now) / 1000);
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': `${retryAfter}` });
        res.end(JSON.stringify({ message: 'Too Many Attempts.' }));
        return;
      }
      accepted.push(now);
    }

    const step = steps.shift() ?? { kind: 'reply' };
    if (answerFault(res, step)) return;

    const errors = validate(body);
    if (Object.keys(errors).length > 0) {
      return json(res, 422, { message: 'The given data was invalid.', errors });
    }
    const request = body as { assistant_id: number; customer_identifier: string; message: string };
    if (!options.assistantIds.includes(request.assistant_id)) {
      return json(res, 404, {
        success: false,
        error: 'Assistant not found or does not belong to you',
        error_code: 'ASSISTANT_NOT_FOUND',
      });
    }
    const key = `${request.assistant_id}:${request.customer_identifier}`;
    const turn = (turns.get(key) ?? 0) + 1;
    turns.set(key, turn);
    const answer: Record<string, unknown> = {
      success: true,
      conversation_id: `conv-${key}`,
      customer_identifier: step.customerIdentifier ?? request.customer_identifier,
      function_calls: step.functionCalls ?? [],
      ai_disabled: step.aiDisabled ?? false,
    };
    const reply = 'reply' in step ? step.reply : `Turn ${turn}: ${request.message}`;
    if (reply !== null && reply !== undefined) answer['reply'] = reply;
    if (step.delayMs !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, step.delayMs));
    }
    json(res, 200, answer);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    endpoint: (path = FAMULOR_PATHS[0]) => `${origin}${path}`,
    requests,
    get refused() {
      return refused;
    },
    script: (...more) => {
      steps.push(...more);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The documented request rules, answered the way Laravel reports them. */
function validate(body: unknown): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { assistant_id: ['The assistant id field is required.'] };
  }
  const { assistant_id, customer_identifier, message, variables } = body as Record<string, unknown>;
  if (typeof assistant_id !== 'number' || !Number.isInteger(assistant_id)) {
    errors['assistant_id'] = ['The assistant id must be an integer.'];
  }
  if (
    typeof customer_identifier !== 'string' ||
    customer_identifier.length === 0 ||
    customer_identifier.length > 255
  ) {
    errors['customer_identifier'] = ['The customer identifier must be a string of at most 255.'];
  }
  if (typeof message !== 'string' || message.length === 0) {
    errors['message'] = ['The message field is required.'];
  }
  if (
    variables !== undefined &&
    (typeof variables !== 'object' || variables === null || Array.isArray(variables))
  ) {
    errors['variables'] = ['The variables must be an array.'];
  }
  return errors;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
