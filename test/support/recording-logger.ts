import type { LogContext, Logger } from '../../src/shared/logger.js';

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly context?: LogContext;
}

/** A logger that keeps every line, debug included, so tests can assert what was (not) said. */
export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];

  debug(message: () => string, context?: LogContext): void {
    this.#record('debug', message(), context);
  }

  info(message: string, context?: LogContext): void {
    this.#record('info', message, context);
  }

  warn(message: string, context?: LogContext): void {
    this.#record('warn', message, context);
  }

  error(message: string, context?: LogContext): void {
    this.#record('error', message, context);
  }

  /** Every line at a level or above, as `level: message`. */
  lines(minimum: LogEntry['level'] = 'info'): string[] {
    const order = ['debug', 'info', 'warn', 'error'];
    return this.entries
      .filter((entry) => order.indexOf(entry.level) >= order.indexOf(minimum))
      .map((entry) => `${entry.level}: ${entry.message}`);
  }

  /** Everything logged, contexts included, as one string: for leak checks. */
  dump(): string {
    return JSON.stringify(this.entries);
  }

  #record(level: LogEntry['level'], message: string, context: LogContext | undefined): void {
    this.entries.push(context === undefined ? { level, message } : { level, message, context });
  }
}
