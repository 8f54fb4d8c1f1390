#!/usr/bin/env node
/**
 * `npx chatlet-proxy`, the package's bin: the composition root that chooses what runs. Production
 * is the proxy from the environment (`src/proxy/node/run-cli.ts`), which knows nothing of the demo;
 * only `CHATLET_PROVIDER=demo` loads the embedded demo assistant, so a typo or a half configuration
 * can never serve the demo's answers to real visitors. Every mistake an operator can fix is one
 * line on stderr and exit code 1, without a stack trace.
 */
import {
  assertKnownSettings,
  isProxyConfigError,
  providerKindFromEnv,
  settingsTable,
} from '../proxy/index.ts';
import { runCli } from '../proxy/node/run-cli.ts';
import { wantsDemo } from './demo-upstream.ts';

const USAGE = `Usage: chatlet-proxy [--help]

Runs the Chatlet proxy (POST /chat, GET /healthz), configured by environment variables:

${settingsTable()}

CHATLET_PROVIDER=demo runs the embedded demo assistant instead of a real API (no account needed).`;

const NOTHING_CONFIGURED =
  'No assistant is configured: set QUICKCHAT_TOKEN (or QUICKCHAT_API_KEY) with QUICKCHAT_SCENARIO_ID, or FAMULOR_API_TOKEN with FAMULOR_ASSISTANT_ID; CHATLET_PROVIDER=demo runs the demo assistant.';

/** Starts what `env` asks for; resolves with how to stop it, or with the one line to print. */
async function start(
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<{ stop: () => Promise<void> } | { help: true } | { refused: string }> {
  if (args.includes('--help') || args.includes('-h')) return { help: true };
  if (args.length > 0) {
    return {
      refused: `Unknown argument "${args[0]}": settings come from the environment, see --help.`,
    };
  }
  try {
    assertKnownSettings(env);
    const print = (line: string): void => console.log(line);
    if (wantsDemo(env)) {
      // Loaded only here: a production start never runs (or even loads) the demo assistant.
      const { runDemoProxy } = await import('./demo-proxy.ts');
      return { stop: await runDemoProxy(env, print) };
    }
    if (providerKindFromEnv(env) === undefined) return { refused: NOTHING_CONFIGURED };
    return { stop: await runCli(env, print) };
  } catch (error) {
    if (isProxyConfigError(error)) return { refused: error.message };
    throw error;
  }
}

async function main(): Promise<void> {
  const result = await start(process.argv.slice(2), process.env);
  if ('help' in result) {
    console.log(USAGE);
    return;
  }
  if ('refused' in result) {
    console.error(`chatlet-proxy: ${result.refused}`);
    // Not process.exit(): let stderr drain first.
    process.exitCode = 1;
    return;
  }
  const shutdown = (): void => {
    result.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

await main();
