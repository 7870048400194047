import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { accountSettings } from '../../src/cli/account.js';
import { defaultTokenFile, loadConfigFile } from '../../src/cli/config.js';
import { ExitCode, exitCodeFor } from '../../src/cli/exit-codes.js';
import { ConfigurationError, NetworkError, NotReadyError } from '../../src/index.js';
import { useTempDirs } from './cli-process.js';

const tempDir = useTempDirs();

async function configFile(content: unknown, mode = 0o600): Promise<string> {
  const path = join(await tempDir(), 'config.json');
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  await chmod(path, mode);
  return path;
}

describe('settings', () => {
  it('take a flag over the environment, and the environment over the file', async () => {
    const path = await configFile({
      clientId: 'from-file',
      clientSecret: 'file-secret',
      tokenFile: '/file/session.json',
      redirectUri: 'http://127.0.0.1:9000/callback',
    });
    const { file } = await loadConfigFile(path, {}, '/');
    const env = { TIBBER_DATA_CLIENT_ID: 'from-env', TIBBER_DATA_TOKEN_FILE: '/env/session.json' };

    expect(accountSettings({ clientId: 'from-flag' }, env, file)).toEqual({
      clientId: 'from-flag',
      clientSecret: 'file-secret',
      redirectUri: 'http://127.0.0.1:9000/callback',
      tokenFile: '/env/session.json',
    });
    expect(accountSettings({}, env, file).clientId).toBe('from-env');
    expect(accountSettings({}, {}, file).clientId).toBe('from-file');
  });

  it('default the redirect URI to loopback and the token file to the XDG state folder', () => {
    const env = { TIBBER_DATA_CLIENT_ID: 'id', TIBBER_DATA_CLIENT_SECRET: 's', HOME: '/home/kari' };

    expect(accountSettings({}, env, {})).toEqual({
      clientId: 'id',
      clientSecret: 's',
      redirectUri: 'http://127.0.0.1:8765/callback',
      tokenFile: '/home/kari/.local/state/tibber-data/session.json',
    });
    expect(defaultTokenFile({ XDG_STATE_HOME: '/state' })).toBe('/state/tibber-data/session.json');
  });

  it('read the file named by TIBBER_DATA_CONFIG, relative to the working folder', async () => {
    const path = await configFile({ clientId: 'from-file' });
    const dir = join(path, '..');

    await expect(loadConfigFile(undefined, { TIBBER_DATA_CONFIG: 'config.json' }, dir))
      .resolves.toEqual({ file: { clientId: 'from-file' } });
    await expect(loadConfigFile(undefined, {}, dir)).resolves.toEqual({ file: {} });
  });

  it('refuse a file with an unknown key, naming it, since a typo would go unnoticed', async () => {
    const path = await configFile({ clientID: 'typo' });

    await expect(loadConfigFile(path, {}, '/')).rejects.toThrow(ConfigurationError);
    await expect(loadConfigFile(path, {}, '/')).rejects.toThrow(
      `The config file ${path} is invalid: Unrecognized key: "clientID"`,
    );
  });

  it('refuse a file that is not JSON, or not there', async () => {
    const path = await configFile('{ clientId: ');

    await expect(loadConfigFile(path, {}, '/')).rejects.toThrow(
      `The config file ${path} is not valid JSON`,
    );
    await expect(loadConfigFile(`${path}.missing`, {}, '/')).rejects.toThrow(
      `Cannot read the config file ${path}.missing (ENOENT)`,
    );
  });

  it('warn when a file holding a secret is readable by others, and only then', async () => {
    const open = await configFile({ clientSecret: 's' }, 0o644);
    const closed = await configFile({ clientSecret: 's' }, 0o600);
    const noSecret = await configFile({ clientId: 'id' }, 0o644);

    await expect(loadConfigFile(open, {}, '/')).resolves.toEqual({
      file: { clientSecret: 's' },
      warning: `${open} holds a secret and others can read it: chmod 600 it`,
    });
    await expect(loadConfigFile(closed, {}, '/')).resolves.toEqual({ file: { clientSecret: 's' } });
    await expect(loadConfigFile(noSecret, {}, '/')).resolves.toEqual({ file: { clientId: 'id' } });
  });
});

describe('exit codes', () => {
  it('follow the cause when the first poll failed', () => {
    const network = new NetworkError('ECONNREFUSED');

    expect(exitCodeFor(new NotReadyError('first poll', { cause: network }))).toBe(
      ExitCode.unavailable,
    );
    expect(exitCodeFor(new NotReadyError('first poll', { cause: new ConfigurationError('x') })))
      .toBe(ExitCode.configuration);
    expect(exitCodeFor(new TypeError('a bug'))).toBe(ExitCode.failure);
  });
});
