/**
 * The one place the command writes to the terminal: results to stdout, diagnostics to
 * stderr. The library below never does either.
 */
export interface Output {
  line(text?: string): void;
  error(text: string): void;
}

export const consoleOutput: Output = {
  line: (text = '') => {
    console.log(text);
  },
  error: (text) => {
    console.error(text);
  },
};
