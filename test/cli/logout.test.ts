import { access } from 'node:fs/promises';

import { afterEach, beforeEach, expect, it } from 'vitest';

import { MockTibberServer, createDemoScenario } from '../../src/testing/index.js';
import { accountEnv, runCli, signedInAccount, useTempDirs } from './cli-process.js';

let server: MockTibberServer;
beforeEach(async () => {
  server = await MockTibberServer.start({ scenario: createDemoScenario() });
});
afterEach(async () => {
  await server.close();
});
const tempDir = useTempDirs();

it('deletes the saved session, says whose, and that Tibber cannot revoke', async () => {
  const fixture = await signedInAccount(server, await tempDir());

  const { code, stdout, stderr } = await runCli(['logout'], fixture.env);

  expect(code).toBe(0);
  const whose = `the session of Tibber user ${server.user.sub}`;
  expect(stdout).toBe(`Signed out: removed ${whose} from ${fixture.tokenFile}.\n`);
  expect(stderr).toBe(
    'Tibber cannot revoke tokens: the access token already issued stays valid until it ' +
      'expires, within the hour.\n',
  );
  await expect(access(fixture.tokenFile)).rejects.toMatchObject({ code: 'ENOENT' });
});

it('deletes a session this key cannot read, too', async () => {
  const dir = await tempDir();
  const { tokenFile } = await signedInAccount(server, dir);
  const otherKey = accountEnv(server, dir).env;

  const { code, stdout } = await runCli(['logout', '--json'], otherKey);

  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toEqual({ type: 'signedOut', removed: true, tokenFile });
  await expect(access(tokenFile)).rejects.toMatchObject({ code: 'ENOENT' });
});

it('has nothing to do without a session, and says so', async () => {
  const fixture = accountEnv(server, await tempDir());

  const { code, stdout, stderr } = await runCli(['logout'], fixture.env);

  expect(code).toBe(0);
  expect(stdout).toBe(`No session in ${fixture.tokenFile}; nothing to remove.\n`);
  expect(stderr).toBe('');
});
