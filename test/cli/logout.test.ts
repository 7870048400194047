import { access } from 'node:fs/promises';

import { expect, it } from 'vitest';

import { accountEnv, runCli, signedInAccount, useDemoTibber, useTempDirs } from './cli-process.js';

const tibber = useDemoTibber();
const tempDir = useTempDirs();

it('deletes the saved session, says whose, and that Tibber cannot revoke', async () => {
  const fixture = await signedInAccount(tibber.server, await tempDir());

  const { code, stdout, stderr } = await runCli(['logout'], fixture.env);

  expect(code).toBe(0);
  const whose = `the session of Tibber user ${tibber.server.user.sub}`;
  expect(stdout).toBe(`Signed out: removed ${whose} from ${fixture.tokenFile}.\n`);
  expect(stderr).toBe(
    'Tibber cannot revoke tokens: the access token already issued stays valid until it ' +
      'expires, within the hour.\n',
  );
  await expect(access(fixture.tokenFile)).rejects.toMatchObject({ code: 'ENOENT' });
});

it('deletes a session this key cannot read, too', async () => {
  const dir = await tempDir();
  const { tokenFile } = await signedInAccount(tibber.server, dir);
  const otherKey = accountEnv(tibber.server, dir).env;

  const { code, stdout } = await runCli(['logout', '--json'], otherKey);

  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toEqual({ type: 'signedOut', removed: true, tokenFile });
  await expect(access(tokenFile)).rejects.toMatchObject({ code: 'ENOENT' });
});

it('has nothing to do without a session, and says so', async () => {
  const fixture = accountEnv(tibber.server, await tempDir());

  const { code, stdout, stderr } = await runCli(['logout'], fixture.env);

  expect(code).toBe(0);
  expect(stdout).toBe(`No session in ${fixture.tokenFile}; nothing to remove.\n`);
  expect(stderr).toBe('');
});
