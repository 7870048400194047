import { describe, expect, it } from 'vitest';

import { runCli } from './cli-process.js';

describe('tibber-data, any command', () => {
  it('lists every command, the settings and the exit codes with --help, and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['--help']);

    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const command of ['demo', 'keygen', 'login', 'logout', 'watch', 'bridge', 'diagnostics']) {
      expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
    expect(stdout).toMatch(/^ {2}history \[options\] <device> /m);
    expect(stdout).toContain('TIBBER_DATA_CLIENT_SECRET');
    expect(stdout).toContain('4    sign-in needed: run `tibber-data login`');
  });

  it('shows examples in each command\'s help', async () => {
    const { code, stdout } = await runCli(['watch', '--help']);

    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: tibber-data watch \[options\]/);
    expect(stdout).toContain('Examples:\n  $ tibber-data watch\n');
    expect(stdout).toContain('--interval <duration>');
    expect(stdout).not.toContain('--api-url');
  });

  it('prints the version', async () => {
    await expect(runCli(['--version'])).resolves.toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });

  it('names an unknown command and exits 2', async () => {
    const { code, stdout, stderr } = await runCli(['fly']);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error: unknown command 'fly'\n/);
  });

  it('refuses a malformed duration in one line and exits 2', async () => {
    const { code, stderr } = await runCli(['demo', '--interval', 'soon']);

    expect(code).toBe(2);
    expect(stderr).toBe(
      'tibber-data: --interval takes a duration such as 30s, 5m, 1h or 7d, not "soon"\n',
    );
  });
});
