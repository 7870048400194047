import { describe, expect, it } from 'vitest';

import type { Output } from '../../src/cli/output.js';
import { runCommand } from '../../src/cli/run-command.js';
import { runDemo } from '../../src/cli/demo.js';
import { ManualClock } from '../../src/testing/index.js';

function captureOutput(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    line: (text = '') => lines.push(text),
    error: (text) => errors.push(text),
  };
}

describe('tibber-data demo', () => {
  it('prints each home, and each device once with the homes that list it', async () => {
    const output = captureOutput();

    await runDemo(output, { clock: new ManualClock(Date.UTC(2026, 5, 1, 10)) });

    const text = output.lines.join('\n');
    expect(output.lines[0]).toMatch(/^Mock Tibber server on http:\/\/127\.0\.0\.1:\d+ /);
    expect(text).toContain('2 homes\n  Main house  Europe/Oslo\n  Cabin       Europe/Oslo');
    expect(text).toContain(
      '6 devices\n  Family car (ev, Volkswagen ID.4): online, in Main house, Cabin',
    );
    expect(text).toContain(
      '  Home battery (battery, Sonnen sonnenBatterie 10): online, in Main house',
    );
    expect(text).toContain('    … and 79 more');
    expect(text).not.toContain('mapping notes');
    expect(output.errors).toEqual([]);
  });

  it('prints the same household for the same seed and time', async () => {
    const first = captureOutput();
    const second = captureOutput();
    const at = Date.UTC(2026, 5, 1, 10);

    await runDemo(first, { clock: new ManualClock(at), seed: 9 });
    await runDemo(second, { clock: new ManualClock(at), seed: 9 });

    expect(second.lines.slice(1)).toEqual(first.lines.slice(1));
  });
});

describe('tibber-data command line', () => {
  it('prints the version and exits 0', async () => {
    const output = captureOutput();

    await expect(runCommand(['--version'], output)).resolves.toBe(0);
    expect(output.lines).toEqual(['0.1.0']);
  });

  it('prints the usage and exits 2 without a command', async () => {
    const output = captureOutput();

    await expect(runCommand([], output)).resolves.toBe(2);
    expect(output.lines[0]).toMatch(/^Usage: tibber-data <command> \[options\]\n/);
  });

  it('names an unknown command on stderr and exits 2', async () => {
    const output = captureOutput();

    await expect(runCommand(['fly'], output)).resolves.toBe(2);
    expect(output.lines).toEqual([]);
    expect(output.errors[0]).toMatch(/^Unknown command "fly"\./);
  });

  it('refuses a seed that is not an integer', async () => {
    await expect(runCommand(['demo', '--seed', 'abc'], captureOutput())).rejects.toThrow(
      new TypeError('--seed takes an integer, not "abc"'),
    );
  });
});
