import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { TokenFileSystem } from '../../../src/auth/atomic-file.js';
import { fileStore, makeSession, storeFailure, useTempDir } from './helpers.js';

const dir = useTempDir();

function systemError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected`), { code });
}

/** The real file system, except that `sync` fails on handles opened with `flags`. */
function failingSync(flags: string, error: Error): TokenFileSystem {
  return {
    ...nodeFs,
    async open(...args: Parameters<typeof nodeFs.open>) {
      const handle = await nodeFs.open(...args);
      if (args[1] === flags) handle.sync = () => Promise.reject(error);
      return handle;
    },
  };
}

describe('EncryptedFileTokenStore: a failed save', () => {
  const old = makeSession({ accessToken: 'old-access', refreshToken: 'old-refresh' });
  const renameFailure = systemError('EXDEV');
  const syncFailure = systemError('EIO');

  it.each<[string, Error, TokenFileSystem]>([
    ['the rename', renameFailure, { ...nodeFs, rename: () => Promise.reject(renameFailure) }],
    ['the flush of the new file', syncFailure, failingSync('wx', syncFailure)],
  ])('at %s leaves the old session whole and no temporary file', async (_step, cause, fs) => {
    await fileStore(dir.file()).save(old);

    const error = await storeFailure(fileStore(dir.file(), { fs }).save(makeSession()), 'io');

    expect(error.cause).toBe(cause);
    expect(error.message).toBe(
      `Could not write ${dir.file()} (${(cause as NodeJS.ErrnoException).code ?? ''}); it is ` +
        'unchanged. Check that its directory exists and is writable and that the disk is not ' +
        'full.',
    );
    expect(await fileStore(dir.file()).load()).toEqual(old);
    expect(await nodeFs.readdir(dir.path)).toEqual(['tokens.json']);
  });

  it('into a directory that does not exist fails with io, naming the path', async () => {
    const path = join(dir.path, 'missing', 'tokens.json');

    const error = await storeFailure(fileStore(path).save(makeSession()), 'io');

    expect(error.message).toContain(path);
    expect(error.cause).toMatchObject({ code: 'ENOENT' });
  });

  it('says the new file is in place when only the directory flush fails', async () => {
    const fs = failingSync('r', syncFailure);

    const error = await storeFailure(fileStore(dir.file(), { fs }).save(makeSession()), 'io');

    expect(error.cause).toBe(syncFailure);
    expect(error.message).toMatch(/^Wrote .*tokens\.json, but could not flush its directory/);
    expect(await fileStore(dir.file()).load()).toEqual(makeSession());
  });
});
