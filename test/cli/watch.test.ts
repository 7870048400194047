import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { Scenario } from '../../src/testing/index.js';
import { MockTibberServer, createDemoScenario } from '../../src/testing/index.js';
import { StaticScenario } from '../coordinator/static-scenario.js';
import { accountEnv, runCli, signedInAccount, startCli, useTempDirs } from './cli-process.js';

interface Event {
  readonly type: string;
}

let server: MockTibberServer | undefined;
let scenario: Scenario;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const tempDir = useTempDirs();

async function startMock(): Promise<MockTibberServer> {
  scenario = createDemoScenario();
  server = await MockTibberServer.start({ scenario });
  return server;
}

const STATE_OF_CHARGE = /"uniqueId":"sonnen_\w+_storage_stateofcharge","name":"State of charge"/;

describe('tibber-data watch', () => {
  it('prints the household, then a change the moment Tibber shows it, until SIGTERM', async () => {
    const fixture = await signedInAccount(await startMock(), await tempDir());
    const cli = startCli(['watch', '--interval', '200ms', '--json'], fixture.env);

    await cli.line(/^\{"type":"household"/);
    scenario.overrideCapability('battery', 'storage.stateOfCharge', 42);
    const change = await cli.line(new RegExp(`${STATE_OF_CHARGE.source},"value":42,`));
    cli.signal('SIGTERM');
    const { code, stderr } = await cli.exited;

    expect(JSON.parse(change)).toMatchObject({ type: 'state', unit: '%', available: true });
    expect(code).toBe(0);
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('Polling Tibber every 200ms; Ctrl-C stops.');
    // How far discovery got at each quarter depends on which home lists its devices first.
    expect(lines.slice(1, -2).every((line) => /^Discovering devices [1-5]\/[2-6]$/.test(line)))
      .toBe(true);
    expect(lines.slice(-2)).toEqual(['Discovered 6 devices', 'Stopped on SIGTERM.']);
  });

  it('writes a change as from → to for a person', async () => {
    const fixture = await signedInAccount(await startMock(), await tempDir());
    const cli = startCli(['watch', '--interval', '200ms'], fixture.env);

    await cli.line(/^Changes as they happen:$/);
    scenario.overrideCapability('battery', 'storage.stateOfCharge', 42);
    const line = await cli.line(/Home battery · State of charge: /);
    cli.signal('SIGINT');

    expect(line).toMatch(/^\d\d:\d\d:\d\d {2}Home battery · State of charge: \d+ % → 42 %$/);
    await expect(cli.exited).resolves.toMatchObject({ code: 0 });
  });

  it('prints nothing while nothing changes', async () => {
    server = await MockTibberServer.start({ scenario: new StaticScenario() });
    const fixture = await signedInAccount(server, await tempDir());
    const cli = startCli(['watch', '--interval', '100ms', '--json', '--verbose'], fixture.env);

    // The library's own log counts the polls: three unchanged ones after the first.
    await cli.line(/^debug: poll done devices=3 changes=0$/, 'stderr', 3);
    cli.signal('SIGTERM');
    const { code, stdout } = await cli.exited;

    expect(code).toBe(0);
    const types = stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as Event).type);
    expect(types).toEqual(['household']);
  });

  it('names an entity that is gone, never its unique id, which carries the serial', async () => {
    const fixture = await signedInAccount(await startMock(), await tempDir());
    const cli = startCli(['watch', '--interval', '100ms'], fixture.env);

    await cli.line(/^Changes as they happen:$/);
    scenario.removeCapability('battery', 'storage.stateOfCharge');
    const line = await cli.line(/ gone: /);
    cli.signal('SIGTERM');
    const { stdout } = await cli.exited;

    expect(line).toMatch(/^\d\d:\d\d:\d\d {2}gone: Home battery · State of charge$/);
    expect(stdout).not.toMatch(/sonnen_\w+_storage/);
  });

  it('stops with exit 4 when Tibber withdraws the session', async () => {
    const tibber = await startMock();
    const fixture = await signedInAccount(tibber, await tempDir());
    const cli = startCli(['watch', '--interval', '200ms', '--json'], fixture.env);

    await cli.line(/^\{"type":"household"/);
    tibber.revokeAll();
    const { code, stderr } = await cli.exited;

    expect(code).toBe(4);
    expect(stderr.trimEnd().split('\n').slice(-3)).toEqual([
      'warning: reauthorization required reason=refresh_refused',
      'warning: Tibber needs a new sign-in; polling has stopped',
      'tibber-data: the token endpoint (refresh) answered 400 invalid_grant: the user must ' +
        'sign in again; run `tibber-data login`',
    ]);
  });

  it('says to log in first when there is no session, and exits 4', async () => {
    const fixture = accountEnv(await startMock(), await tempDir());
    const { code, stdout, stderr } = await runCli(['watch'], fixture.env);

    expect(code).toBe(4);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `tibber-data: No Tibber session in ${fixture.tokenFile}: run \`tibber-data login\` first\n`,
    );
  });

  it('adds the stack to the one line only with --verbose', async () => {
    const fixture = accountEnv(await startMock(), await tempDir());
    const { code, stderr } = await runCli(['watch', '--verbose'], fixture.env);

    expect(code).toBe(4);
    const [line, stackHead, ...frames] = stderr.trimEnd().split('\n');
    expect(line).toBe(
      `tibber-data: No Tibber session in ${fixture.tokenFile}: run \`tibber-data login\` first`,
    );
    expect(stackHead).toBe(`CommandFailure: ${line?.slice('tibber-data: '.length) ?? ''}`);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.every((frame) => frame.startsWith('    at '))).toBe(true);
  });

  it('takes its settings from a config file when neither flags nor environment give them',
    async () => {
      const dir = await tempDir();
      const { env } = accountEnv(await startMock(), dir);
      const config = join(dir, 'tibber-data.json');
      await writeFile(config, JSON.stringify({
        clientId: env['TIBBER_DATA_CLIENT_ID'],
        clientSecret: env['TIBBER_DATA_CLIENT_SECRET'],
        tokenFile: join(dir, 'from-config.json'),
        issuer: env['TIBBER_DATA_ISSUER'],
        apiUrl: env['TIBBER_DATA_API_URL'],
      }), { mode: 0o600 });
      const onlyKey = { TIBBER_DATA_TOKEN_KEY: env['TIBBER_DATA_TOKEN_KEY'] };

      const { code, stderr } = await runCli(['watch', '--config', config], onlyKey);

      expect(code).toBe(4);
      expect(stderr).toBe(`tibber-data: No Tibber session in ${join(dir, 'from-config.json')}: ` +
        'run `tibber-data login` first\n');
    });

  it('will not poll the real Tibber faster than every 10 s', async () => {
    const fixture = accountEnv(await startMock(), await tempDir());
    const env = { ...fixture.env, TIBBER_DATA_API_URL: 'https://data-api.tibber.com/v1' };
    const { code, stderr } = await runCli(['watch', '--interval', '2s'], env);

    expect(code).toBe(2);
    expect(stderr).toBe(
      'tibber-data: --interval must be at least 10s against Tibber: its data changes about ' +
        'once a minute\n',
    );
  });
});
