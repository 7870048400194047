#!/usr/bin/env node
// The `tibber-data` executable: everything it does lives in program.ts, testable in-process.
import { ExitCode } from './exit-codes.js';
import { consoleOutput } from './output.js';
import { runCli } from './program.js';
import { processInterrupts } from './signals.js';

const code = await runCli(process.argv.slice(2), {
  output: consoleOutput,
  env: process.env,
  cwd: process.cwd(),
  interrupts: processInterrupts,
  stdin: process.stdin,
  forceExit: () => process.exit(ExitCode.interrupted),
});
process.exitCode = code;
