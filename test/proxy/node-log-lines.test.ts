import { afterEach, describe, expect, it, vi } from 'vitest';
import { consoleLogger } from '../../src/proxy/log.ts';
import { batchedOut, flushLines } from '../../src/proxy/node/batched-lines.ts';
import { listen, toNodeListener, type Listening } from '../../src/proxy/node/index.ts';
import { startHarness, type Harness } from '../support/proxy-harness.ts';

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('the Node adapter’s request log lines', () => {
  let harness: Harness | undefined;
  let server: Listening | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await server?.close();
    server = undefined;
    await harness?.close();
    harness = undefined;
  });

  it('are written once per event-loop turn, joined by newlines, in order and unchanged', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    batchedOut('{"first":1}');
    batchedOut('{"second":"100% %s"}');
    expect(log).not.toHaveBeenCalled();
    expect(process.listeners('exit')).toContain(flushLines);
    await turn();
    expect(log.mock.calls).toEqual([['{"first":1}\n{"second":"100% %s"}']]);
    batchedOut('{"third":3}');
    flushLines();
    flushLines();
    expect(log.mock.calls.slice(1)).toEqual([['{"third":3}']]);
  });

  it('carry every request of the default logger, one line each, with its request id', async () => {
    const calls: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((text: string) => void calls.push(text));
    harness = await startHarness({ log: consoleLogger });
    server = await listen(toNodeListener(harness.handler), { port: 0 });
    const url = `${server.url}/chat`;
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            text: `message ${index}`,
            client_message_id: crypto.randomUUID(),
          }),
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    await turn();
    const lines = calls.flatMap((text) => text.split('\n')).map((line) => JSON.parse(line));
    expect(lines.map((line) => line.event)).toEqual(Array(6).fill('request'));
    // Each answer's request id once: six lines, six distinct ids, the same as the answers'.
    const ids = new Set(lines.map((line) => String(line.request_id)));
    expect(ids).toEqual(
      new Set(answers.map((answer) => String(answer.headers.get('x-request-id')))),
    );
    expect(ids.size).toBe(6);
  });
});
