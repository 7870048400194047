import type { CliContext } from './context.js';

/** SIGINT and SIGTERM, injectable so that a test can interrupt a command in-process. */
export interface Interrupts {
  /** Calls `listener` on every SIGINT or SIGTERM until the returned function is called. */
  listen(listener: (signal: NodeJS.Signals) => void): () => void;
}

export const processInterrupts: Interrupts = {
  listen(listener) {
    const handler = (signal: NodeJS.Signals): void => {
      listener(signal);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    return () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    };
  },
};

export type StopReason =
  | { readonly kind: 'signal'; readonly signal: NodeJS.Signals }
  | { readonly kind: 'duration' }
  | { readonly kind: 'failure'; readonly error: unknown };

export interface RunUntilStoppedOptions {
  readonly interrupts: Interrupts;
  /** Stop by itself after this long (`--duration`). */
  readonly durationMs?: number;
  /** A second Ctrl-C while cleaning up: the user has waited enough. */
  readonly onSecondInterrupt?: () => void;
}

/**
 * A long-running command's lifetime: it ends on the first SIGINT or SIGTERM, after
 * `--duration`, or on a failure the command reports. The library's timers never keep the
 * process alive, so this holds a handle that does until `dispose()`.
 */
export class RunUntilStopped {
  /**
   * Runs a command's `body` within its lifetime, begun before anything else so that no
   * signal finds the command without a handler, and disposed however the body ends.
   */
  static async during<T>(
    context: CliContext,
    durationMs: number | undefined,
    body: (run: RunUntilStopped) => Promise<T>,
  ): Promise<T> {
    const run = new RunUntilStopped({
      interrupts: context.interrupts,
      onSecondInterrupt: context.forceExit,
      ...(durationMs === undefined ? {} : { durationMs }),
    });
    try {
      return await body(run);
    } finally {
      run.dispose();
    }
  }

  readonly stopped: Promise<StopReason>;
  #settle: (reason: StopReason) => void = () => undefined;
  #isStopped = false;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #unlisten: () => void;

  constructor(options: RunUntilStoppedOptions) {
    this.stopped = new Promise((resolve) => {
      this.#settle = resolve;
    });
    this.#unlisten = options.interrupts.listen((signal) => {
      if (this.#isStopped) options.onSecondInterrupt?.();
      else this.stop({ kind: 'signal', signal });
    });
    this.#timers.push(setInterval(() => undefined, 1 << 30));
    if (options.durationMs !== undefined) {
      this.#timers.push(setTimeout(() => { this.stop({ kind: 'duration' }); }, options.durationMs));
    }
  }

  get isStopped(): boolean {
    return this.#isStopped;
  }

  stop(reason: StopReason): void {
    if (this.#isStopped) return;
    this.#isStopped = true;
    this.#settle(reason);
  }

  dispose(): void {
    this.stop({ kind: 'duration' });
    for (const timer of this.#timers) clearTimeout(timer);
    this.#unlisten();
  }
}
