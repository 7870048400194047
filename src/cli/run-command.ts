import { parseArgs } from 'node:util';

import { libraryIdentity } from '../shared/version.js';
import { runDemo } from './demo.js';
import type { Output } from './output.js';

const USAGE = `Usage: tibber-data <command> [options]

Commands:
  demo            start the built-in mock Tibber server, read its household, print it
    --serve       keep the mock server running until interrupted
    --seed N      the demo household's seed (default 2026)

Options:
  -h, --help      this text
  -v, --version   the library's version`;

/** Runs one command line; resolves with the process exit code. */
export async function runCommand(argv: readonly string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
      serve: { type: 'boolean' },
      seed: { type: 'string' },
    },
  });
  if (values.version === true) {
    output.line(libraryIdentity().version);
    return 0;
  }
  const [command] = positionals;
  if (values.help === true || command === undefined) {
    output.line(USAGE);
    return values.help === true ? 0 : 2;
  }

  switch (command) {
    case 'demo':
      await runDemo(output, {
        ...(values.serve === true ? { serveUntil: interrupted() } : {}),
        ...(values.seed === undefined ? {} : { seed: parseSeed(values.seed) }),
      });
      return 0;
    default:
      output.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

function parseSeed(text: string): number {
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new TypeError(`--seed takes an integer, not "${text}"`);
  return seed;
}

function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => { resolve(); });
    process.once('SIGTERM', () => { resolve(); });
  });
}
