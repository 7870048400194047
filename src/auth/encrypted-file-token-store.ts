import * as nodeFs from 'node:fs/promises';
import { resolve } from 'node:path';

import { createOAuthSession, oauthSessionFields } from '../models/index.js';
import type { OAuthSession, OAuthSessionFields } from '../models/index.js';
import { systemClock } from '../shared/clock.js';
import type { Clock, Scheduler } from '../shared/clock.js';
import { ConfigurationError, TokenStoreError } from '../shared/errors.js';
import {
  describeFileError,
  fileErrorCode,
  removeIfPresent,
  writeFileAtomic,
} from './atomic-file.js';
import type { TokenFileSystem } from './atomic-file.js';
import { FileLock, lockWaitScheduler } from './file-lock.js';
import { parseStoreKey, resolveStoreKey } from './store-key.js';
import type { StoreKey, StoreKeyInput } from './store-key.js';
import { openEnvelope, sealEnvelope } from './token-envelope.js';
import type { TokenStore } from './token-store.js';

export interface EncryptedFileTokenStoreOptions {
  /** The token file; its lock is the same path with `.lock` appended. */
  readonly path: string;
  /**
   * The key every write uses; by default `TIBBER_DATA_TOKEN_KEY`. At least 32 bytes; a string
   * is read as described at `parseStoreKey`.
   */
  readonly key?: StoreKeyInput;
  /** Keys a file may still be written with, during a rotation; never used to write. */
  readonly previousKeys?: readonly StoreKeyInput[];
  /** Where `TIBBER_DATA_TOKEN_KEY` is looked up; `process.env` by default. */
  readonly env?: NodeJS.ProcessEnv;
  readonly clock?: Clock;
  /**
   * Times the lock's retries. The default keeps the process alive while a caller waits;
   * `systemScheduler` would let a process whose only work is that wait exit in the middle.
   */
  readonly scheduler?: Scheduler;
  /** How long `exclusive` waits for another holder; 30 seconds by default. */
  readonly lockTimeoutMs?: number;
  /** How old a lock must be to count as a crashed holder's; 60 seconds by default. */
  readonly lockStaleMs?: number;
  /** For tests only: file system calls that fail on purpose. */
  readonly fs?: TokenFileSystem;
}

/**
 * One account's session in a file, encrypted with AES-256-GCM (see token-envelope.ts),
 * replaced atomically on every save, and shared between processes through a lock file.
 */
export class EncryptedFileTokenStore implements TokenStore {
  /** The absolute path of the token file. */
  readonly path: string;
  readonly #writeKey: StoreKey;
  readonly #readKeys: readonly StoreKey[];
  readonly #fs: TokenFileSystem;
  readonly #lock: FileLock;

  /** Throws a `ConfigurationError` when the key is missing or too short: nothing is written. */
  constructor(options: EncryptedFileTokenStoreOptions) {
    if (options.path.trim() === '') {
      throw new ConfigurationError('The token store path is empty: pass the file to keep it in.');
    }
    this.path = resolve(options.path);
    this.#writeKey = resolveStoreKey(options.key, options.env ?? process.env, this.path);
    const previousKeys = (options.previousKeys ?? []).map((key, index) =>
      parseStoreKey(key, `previousKeys[${index}]`));
    this.#readKeys = [this.#writeKey, ...previousKeys];
    this.#fs = options.fs ?? nodeFs;
    this.#lock = new FileLock(`${this.path}.lock`, {
      fs: this.#fs,
      clock: options.clock ?? systemClock,
      scheduler: options.scheduler ?? lockWaitScheduler,
      timeoutMs: requireDuration(options.lockTimeoutMs ?? 30_000, 'lockTimeoutMs'),
      staleMs: requireDuration(options.lockStaleMs ?? 60_000, 'lockStaleMs'),
    });
  }

  async load(): Promise<OAuthSession | undefined> {
    let text: string;
    try {
      text = await this.#fs.readFile(this.path, 'utf8');
    } catch (error) {
      if (fileErrorCode(error) === 'ENOENT') return undefined;
      throw new TokenStoreError(
        `Could not read ${this.path} (${describeFileError(error)}): check that this user may ` +
          'read it.',
        'io',
        { cause: error },
      );
    }

    return restoreSession(openEnvelope(text, this.#readKeys, this.path), this.path);
  }

  async save(session: OAuthSession): Promise<void> {
    const plaintext = JSON.stringify(oauthSessionFields(session));
    await writeFileAtomic(this.#fs, this.path, sealEnvelope(plaintext, this.#writeKey));
  }

  async clear(): Promise<void> {
    try {
      await removeIfPresent(this.#fs, this.path);
    } catch (error) {
      throw new TokenStoreError(
        `Could not delete ${this.path} (${describeFileError(error)}): check that this user may ` +
          'write its directory.',
        'io',
        { cause: error },
      );
    }
  }

  /**
   * Runs `task` holding the lock file: other processes and instances wait, and so do other
   * tasks of this instance. Not reentrant; a task must finish within `lockStaleMs`.
   */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.#lock.run(task);
  }
}

function restoreSession(plaintext: string, path: string): OAuthSession {
  const corrupt = (detail: string, cause?: TypeError): TokenStoreError =>
    new TokenStoreError(
      `${path} decrypts, but holds no valid session (${detail}). Clear the store and sign in ` +
        'again.',
      'corrupt',
      cause === undefined ? {} : { cause },
    );

  let fields: unknown;
  try {
    fields = JSON.parse(plaintext);
  } catch {
    // No cause: a SyntaxError quotes the text around the fault, and that may be a token.
    throw corrupt('not JSON');
  }
  if (typeof fields !== 'object' || fields === null) throw corrupt('not an object');

  try {
    return createOAuthSession(fields as OAuthSessionFields);
  } catch (error) {
    // Its TypeErrors name the field, never the value.
    if (error instanceof TypeError) throw corrupt(error.message, error);
    throw error;
  }
}

function requireDuration(ms: number, name: string): number {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new ConfigurationError(`The token store option ${name} must be a finite number ≥ 0.`);
  }
  return ms;
}
