/**
 * The `tibber-data` command for `npm run bench`: how long `demo` takes to show the
 * household and its first change, against the command's own start-up (`--version`) in the
 * same run. The difference is the mock server, the OAuth sign-in, discovery and one poll.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

import { compare, ms, ratio } from './measure.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** Runs the command until a stdout line matches (then stops it) or it exits. */
function runUntil(args: readonly string[], pattern?: RegExp): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (pattern?.test(text) === true) child.kill('SIGTERM');
    });
    child.on('error', fail);
    child.on('close', () => {
      if (pattern === undefined || pattern.test(text)) done();
      else fail(new Error(`tibber-data ${args.join(' ')} ended without ${String(pattern)}`));
    });
  });
}

export async function benchCli(): Promise<string[]> {
  const demo = ['demo', '--json', '--interval', '500ms'];
  const timings = await compare(
    {
      startUp: () => runUntil(['--version']),
      household: () => runUntil(demo, /"type":"household"/),
      firstChange: () => runUntil(demo, /"type":"state"/),
    },
    { rounds: 5, warmupRounds: 1 },
  );
  const base = timings['startUp']?.wallMs ?? 0;
  const household = timings['household']?.wallMs ?? 0;
  const firstChange = timings['firstChange']?.wallMs ?? 0;
  return [
    'CLI: `demo` as a child process, vs `tibber-data --version` (start-up), wall-clock medians',
    `  start-up:          ${ms(base)}`,
    `  to the household:  ${ms(household)} (${ratio(household, base)} start-up)`,
    `  to a first change: ${ms(firstChange)} (${ratio(firstChange, base)} start-up)`,
  ];
}
