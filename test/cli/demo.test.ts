import { describe, expect, it } from 'vitest';

import { startCli } from './cli-process.js';

interface Event {
  readonly type: string;
  readonly [key: string]: unknown;
}

function events(stdout: string): Event[] {
  return stdout.trim().split('\n').map((line) => JSON.parse(line) as Event);
}

describe('tibber-data demo', () => {
  it('signs in to the mock, prints the household, then changes, until SIGTERM', async () => {
    const cli = startCli(['demo', '--interval', '200ms', '--speed', '600', '--json']);

    await cli.line(/"type":"state"/);
    cli.signal('SIGTERM');
    const { code, stdout, stderr } = await cli.exited;

    expect(code).toBe(0);
    const [household, ...changes] = events(stdout);
    expect(household).toMatchObject({ type: 'household' });
    expect(household?.['homes']).toHaveLength(2);
    expect(household?.['devices']).toHaveLength(6);
    expect(changes.length).toBeGreaterThan(0);
    expect(new Set(changes.map((event) => event.type))).toEqual(new Set(['state']));
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Mock Tibber server on http:\/\/127\.0\.0\.1:\d+ /);
    expect(lines[1]).toBe(
      'Signed in as Kari Nordmann (authorization code with PKCE, tokens in memory)',
    );
    expect(lines.at(-1)).toBe('Stopped on SIGTERM.');
    expect(stderr).not.toMatch(/warning|error/i);
  });

  it('prints text a person reads, and stops by itself after --duration', async () => {
    const cli = startCli(['demo', '--interval', '200ms', '--duration', '3s', '--seed', '7']);
    const { code, stdout, stderr } = await cli.exited;

    expect(code).toBe(0);
    expect(stdout).toMatch(/^2 homes\n {2}Main house {2}Europe\/Oslo\n/);
    expect(stdout).toMatch(/^6 devices, \d+ entities$/m);
    const car = '  Family car (ev, Volkswagen ID.4): online, in Main house, Cabin';
    expect(stdout).toContain(`\n${car}\n`);
    expect(stdout).toMatch(/^ {4}State of charge +\d+ %$/m);
    expect(stdout).toMatch(/^ {4}… and \d+ hidden by default \(--all shows them\)$/m);
    expect(stdout).toContain('\nChanges as they happen:\n');
    expect(stderr.trimEnd().split('\n').at(-1)).toBe('Stopped after --duration.');
  });

  it('exits 0 on Ctrl-C during discovery, leaving nothing running', async () => {
    const cli = startCli(['demo', '--interval', '200ms']);

    await cli.line(/^Signed in as /, 'stderr');
    cli.signal('SIGINT');
    const { code, stderr } = await cli.exited;

    expect(code).toBe(0);
    expect(stderr.trimEnd().split('\n').at(-1)).toBe('Stopped on SIGINT.');
  });
});
