#!/usr/bin/env node
/**
 * `npx chatlet-proxy`: the program around {@link runCli}. It prints a wrong setting as one line
 * without a stack trace, and stops cleanly on SIGINT and SIGTERM.
 */
import { isProxyConfigError } from '../config-error.ts';
import { runCli } from './run-cli.ts';

async function main(): Promise<void> {
  let stop: () => Promise<void>;
  try {
    stop = await runCli(process.env, (line) => console.log(line));
  } catch (error) {
    // A wrong setting is the operator's to fix: one line, no stack trace.
    if (isProxyConfigError(error)) {
      console.error(`chatlet-proxy: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const shutdown = (): void => {
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

void main();
