import { ProxyConfigError } from '../config-error.ts';

/**
 * A failure to listen as the one line an operator can act on, naming `PORT` or `HOST`; `undefined`
 * for anything else (a bug, shown with its stack). Node reports these as system errors with a
 * `code` (https://nodejs.org/api/errors.html#common-system-errors).
 */
export function listenFailure(
  error: unknown,
  address: { port: number; host: string },
): ProxyConfigError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const { port, host } = address;
  switch (code) {
    case 'EADDRINUSE':
      return new ProxyConfigError(
        'PORT',
        `PORT ${port} is already in use on ${host}: stop what is using it or set PORT to a free port, e.g. PORT=${port === 65_535 ? 8788 : port + 1}.`,
      );
    case 'EACCES':
      return new ProxyConfigError(
        'PORT',
        `PORT ${port} needs privileges this process does not have: set PORT to 1024 or above, e.g. PORT=8787.`,
      );
    case 'EADDRNOTAVAIL':
      return new ProxyConfigError(
        'HOST',
        `HOST ${host} is not an address of this machine: set HOST to one of its addresses, e.g. 127.0.0.1, or 0.0.0.0 for all.`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return new ProxyConfigError(
        'HOST',
        `HOST "${host}" is not an address or a host name that resolves: set HOST to e.g. 127.0.0.1, or 0.0.0.0 for all interfaces.`,
      );
    default:
      return undefined;
  }
}
