import { randomBytes } from 'node:crypto';
import type * as fsPromises from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

import { TokenStoreError } from '../shared/errors.js';

/** The part of `node:fs/promises` the token store files use; tests pass one that fails. */
export type TokenFileSystem = Pick<
  typeof fsPromises,
  'open' | 'readFile' | 'rename' | 'stat' | 'unlink'
>;

/** Owner read and write only: the file holds tokens, encrypted or not. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Replaces `path` with `data` so that a reader anywhere sees the old content or the new one,
 * whole, and the new one survives a crash once this resolves: a uniquely named temporary file
 * in the same directory (a rename is atomic only within one file system), flushed, renamed
 * over the target, then the directory flushed so the rename itself is durable.
 *
 * On failure the target is untouched, the temporary file is removed, and the rejection is a
 * `TokenStoreError` with failure `io` and the file system's error as its cause.
 */
export async function writeFileAtomic(
  fs: TokenFileSystem,
  path: string,
  data: string,
): Promise<void> {
  const tempPath = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writePrivateFile(fs, tempPath, data);
    await fs.rename(tempPath, path);
  } catch (error) {
    const isLeftBehind = !(await removeIfPresent(fs, tempPath).then(() => true, () => false));
    throw new TokenStoreError(
      `Could not write ${path} (${describeFileError(error)}); it is unchanged. Check that its ` +
        'directory exists and is writable and that the disk is not full.' +
        (isLeftBehind ? ` Remove the temporary file ${tempPath} by hand.` : ''),
      'io',
      { cause: error },
    );
  }

  try {
    await syncDirectory(fs, dirname(path));
  } catch (error) {
    throw new TokenStoreError(
      `Wrote ${path}, but could not flush its directory (${describeFileError(error)}): the ` +
        'new content may not survive a power loss. Check the file system.',
      'io',
      { cause: error },
    );
  }
}

/** Removes `path`; a file that is not there is already where this wants it. */
export async function removeIfPresent(
  fs: Pick<TokenFileSystem, 'unlink'>,
  path: string,
): Promise<void> {
  try {
    await fs.unlink(path);
  } catch (error) {
    if (fileErrorCode(error) !== 'ENOENT') throw error;
  }
}

/** The `code` of a Node.js system error (`ENOENT`, `EEXIST`), which is what we classify by. */
export function fileErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

export function describeFileError(error: unknown): string {
  return fileErrorCode(error) ?? (error instanceof Error ? error.name : 'unknown error');
}

async function writePrivateFile(fs: TokenFileSystem, path: string, data: string): Promise<void> {
  const handle = await fs.open(path, 'wx', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(data, 'utf8');
    // The umask may have narrowed the mode further; the contract is exactly 0600.
    await handle.chmod(PRIVATE_FILE_MODE);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Some file systems refuse to fsync a directory; there a rename is as durable as it gets. */
const UNSYNCABLE_DIRECTORY_CODES: readonly string[] = ['EINVAL', 'ENOTSUP'];
/** Windows cannot open a directory at all. */
const WINDOWS_DIRECTORY_CODES: readonly string[] = ['EISDIR', 'EPERM'];

async function syncDirectory(fs: TokenFileSystem, directory: string): Promise<void> {
  let handle: fsPromises.FileHandle;
  try {
    handle = await fs.open(directory, 'r');
  } catch (error) {
    if (isUnsyncableDirectory(error)) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!isUnsyncableDirectory(error)) throw error;
  } finally {
    await handle.close();
  }
}

function isUnsyncableDirectory(error: unknown): boolean {
  const code = fileErrorCode(error) ?? '';
  return UNSYNCABLE_DIRECTORY_CODES.includes(code) ||
    (process.platform === 'win32' && WINDOWS_DIRECTORY_CODES.includes(code));
}
