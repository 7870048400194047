/**
 * The library never writes to the console: it logs through a logger the host injects.
 * Debug messages are lazy so that a silent logger costs nothing.
 */
export type LogContext = Readonly<Record<string, string | number | boolean | null>>;

export interface Logger {
  debug(message: () => string, context?: LogContext): void;
  info(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
  error(message: string, context?: LogContext): void;
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
