import { isChatletError } from '../../src/core/errors.ts';

/** The message of the `config` ChatletError that `run` throws; fails the test on anything else. */
export function configError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isChatletError(error) && error.code === 'config') return error.message;
    throw error;
  }
  throw new Error('expected a config error');
}
