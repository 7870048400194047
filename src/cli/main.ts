#!/usr/bin/env node
// The `tibber-data` executable: everything it does lives in run-command.ts, testable.
import { consoleOutput } from './output.js';
import { runCommand } from './run-command.js';

runCommand(process.argv.slice(2), consoleOutput).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    consoleOutput.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
