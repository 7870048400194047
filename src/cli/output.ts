/**
 * The one place the command writes to the terminal: results to stdout, diagnostics and
 * progress to stderr. The library below never does either.
 */
export interface Output {
  /** A line of the command's result (stdout). */
  line(text?: string): void;
  /** A line about how it went: warnings, errors, status (stderr). */
  status(text: string): void;
  /**
   * Where a job stands, e.g. `Discovering devices 12/120`: on a terminal it replaces the
   * previous progress line; elsewhere it is a line of its own. `done` ends the line.
   */
  progress(text: string, done?: boolean): void;
  /** True when stderr is a terminal a person watches, so progress may be redrawn. */
  readonly interactive: boolean;
}

const CLEAR_LINE = '\r\x1b[K';

function createConsoleOutput(): Output {
  const interactive = process.stderr.isTTY;
  let progressShown = false;
  const endProgress = (): void => {
    if (progressShown) process.stderr.write('\n');
    progressShown = false;
  };
  return {
    interactive,
    line: (text = '') => {
      endProgress();
      process.stdout.write(`${text}\n`);
    },
    status: (text) => {
      endProgress();
      process.stderr.write(`${text}\n`);
    },
    progress: (text, done = false) => {
      if (!interactive) {
        process.stderr.write(`${text}\n`);
        return;
      }
      process.stderr.write(`${CLEAR_LINE}${text}`);
      progressShown = true;
      if (done) endProgress();
    },
  };
}

export const consoleOutput: Output = createConsoleOutput();
