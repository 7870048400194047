import type { Output } from './output.js';
import type { Interrupts } from './signals.js';

/** What a command may touch of the world: injected, so that tests run it in-process. */
export interface CliContext {
  readonly output: Output;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly interrupts: Interrupts;
  /** Lines a user types or pastes (login on a headless machine). */
  readonly stdin: NodeJS.ReadableStream;
  /** A second Ctrl-C while a command cleans up. */
  readonly forceExit: () => void;
}
