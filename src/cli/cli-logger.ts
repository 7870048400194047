import type { LogContext, Logger } from '../shared/logger.js';
import type { Output } from './output.js';

/**
 * The library's log, on stderr: warnings and errors always, info and debug with
 * `--verbose`. The library never logs a secret, so its context is printed as it is.
 */
export function createCliLogger(output: Output, verbose: boolean): Logger {
  const write = (level: string, message: string, context?: LogContext): void => {
    const fields = Object.entries(context ?? {}).map(([key, value]) => `${key}=${String(value)}`);
    output.status([`${level}:`, message, ...fields].join(' '));
  };
  return {
    debug: (message, context) => {
      if (verbose) write('debug', message(), context);
    },
    info: (message, context) => {
      if (verbose) write('info', message, context);
    },
    warn: (message, context) => {
      write('warning', message, context);
    },
    error: (message, context) => {
      write('error', message, context);
    },
  };
}
