import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { DEFAULT_MOCK_CLIENT } from '../../src/testing/index.js';
import type { AccountFixture } from './cli-process.js';
import {
  accountEnv,
  runCli,
  sessionManager,
  signedInAccount,
  useDemoTibber,
  useTempDirs,
} from './cli-process.js';

const DEVICES = ['car', 'charger', 'battery', 'living-room', 'cabin-heater', 'cabin-solar'];
const HOMES = ['main', 'cabin'];

const tempDir = useTempDirs();
const tibber = useDemoTibber();

interface Dump {
  readonly tool: { readonly name: string };
  readonly coordinator: { readonly lastUpdateSuccess: boolean };
  readonly snapshot: { readonly homes: unknown[]; readonly devices: unknown[] };
  readonly recentErrors: unknown[];
}

/**
 * Everything a dump must never show in the clear: the session before and after the run (in
 * case the command rotated it), the client secret, the token key, the user, and every id.
 */
async function secretsOf(
  fixture: AccountFixture,
  before: { accessToken: string; refreshToken: string; sessionId: string },
): Promise<Map<string, string>> {
  const after = await sessionManager(tibber.server, fixture).session();
  const homeIds = HOMES.map((home) => tibber.scenario.homeId(home));
  // The car is listed in both homes: its VIN once.
  const externalIds = new Set(homeIds.flatMap(
    (homeId) =>
      tibber.scenario.devices(homeId, Date.now())?.map((device) => device.externalId) ?? [],
  ));
  return new Map([
    ['access token', before.accessToken],
    ['refresh token', before.refreshToken],
    ['session id', before.sessionId],
    ['access token after the run', after?.accessToken ?? before.accessToken],
    ['refresh token after the run', after?.refreshToken ?? before.refreshToken],
    ['client secret', DEFAULT_MOCK_CLIENT.clientSecret],
    ['token key', fixture.key],
    ['user id', tibber.server.user.sub],
    ['e-mail', 'kari.nordmann@example.com'],
    ...homeIds.map((id, i) => [`home id of ${HOMES[i] ?? ''}`, id] as const),
    ...DEVICES.map((key) => [`device id of ${key}`, tibber.scenario.deviceId(key)] as const),
    ...[...externalIds].map((id, i) => [`external id ${i}`, id] as const),
  ]);
}

/** The names of the secrets that show in `text`: none, for a redacted dump. */
function leaked(text: string, secrets: ReadonlyMap<string, string>): string[] {
  return [...secrets].filter(([, secret]) => text.includes(secret)).map(([name]) => name);
}

describe('tibber-data diagnostics', () => {
  it('prints one poll as redacted JSON and exits 0', async () => {
    const fixture = await signedInAccount(tibber.server, await tempDir());
    const session = await fixture.auth.session();
    if (session === undefined) throw new Error('the fixture saved no session');

    const { code, stdout, stderr } = await runCli(['diagnostics'], fixture.env);

    expect(code).toBe(0);
    expect(stderr).toBe('');
    const dump = JSON.parse(stdout) as Dump;
    expect(dump.tool.name).toBe('tibber-data diagnostics');
    expect(dump.coordinator.lastUpdateSuccess).toBe(true);
    expect(dump.snapshot.homes).toHaveLength(2);
    expect(dump.snapshot.devices).toHaveLength(6);
    expect(dump.recentErrors).toEqual([]);
    const secrets = await secretsOf(fixture, session);
    expect(secrets.size).toBe(9 + HOMES.length + 2 * DEVICES.length);
    expect(leaked(stdout + stderr, secrets)).toEqual([]);
  });

  it('writes the dump to --output with mode 600, and says where on stderr', async () => {
    const dir = await tempDir();
    const fixture = await signedInAccount(tibber.server, dir);
    const session = await fixture.auth.session();
    if (session === undefined) throw new Error('the fixture saved no session');
    const path = join(dir, 'diag.json');

    const { code, stdout, stderr } = await runCli(['diagnostics', '--output', path], fixture.env);

    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe(`Wrote the redacted diagnostics to ${path}; attach it to your issue.\n`);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const text = await readFile(path, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    const dump = JSON.parse(text) as Dump;
    expect(dump.tool.name).toBe('tibber-data diagnostics');
    expect(dump.snapshot.devices).toHaveLength(6);
    expect(leaked(text, await secretsOf(fixture, session))).toEqual([]);
  });

  it('makes an --output file that others could read mode 600 before writing to it', async () => {
    const dir = await tempDir();
    const fixture = await signedInAccount(tibber.server, dir);
    // As `tibber-data diagnostics > diag.json`, the help's first example, leaves it.
    const path = join(dir, 'diag.json');
    await writeFile(path, 'an older dump, and longer than the new one will be '.repeat(5_000), {
      mode: 0o644,
    });

    const { code, stderr } = await runCli(['diagnostics', '--output', path], fixture.env);

    expect(code).toBe(0);
    expect(stderr).toBe(`Wrote the redacted diagnostics to ${path}; attach it to your issue.\n`);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const dump = JSON.parse(await readFile(path, 'utf8')) as Dump;
    expect(dump.snapshot.devices).toHaveLength(6);
  });

  it('calls an --output it cannot write a usage error, in one line', async () => {
    const dir = await tempDir();
    const fixture = await signedInAccount(tibber.server, dir);

    const { code, stdout, stderr } = await runCli(['diagnostics', '--output', dir], fixture.env);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`tibber-data: Cannot write ${dir} (EISDIR)\n`);
  });

  it('exits 4 and names the token file when there is no session', async () => {
    const fixture = accountEnv(tibber.server, await tempDir());

    const { code, stdout, stderr } = await runCli(['diagnostics'], fixture.env);

    expect(code).toBe(4);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `tibber-data: No Tibber session in ${fixture.tokenFile}: run \`tibber-data login\` first\n`,
    );
    expect(tibber.server.requests).toEqual([]);
  });
});
