import { createHash, randomBytes } from 'node:crypto';

import type { Clock, Scheduler } from '../shared/clock.js';
import { TokenStoreError } from '../shared/errors.js';
import {
  PRIVATE_FILE_MODE,
  describeFileError,
  fileErrorCode,
  removeIfPresent,
} from './atomic-file.js';
import type { TokenFileSystem } from './atomic-file.js';

/** How often a waiter looks whether the lock is free again. */
export const LOCK_RETRY_MS = 50;

/**
 * The default for waiting on the lock. Unlike `systemScheduler`, whose timers never keep the
 * process alive, this one does: someone awaits the wait, and a process whose only pending
 * work it is must not exit in the middle of it.
 */
export const lockWaitScheduler: Scheduler = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

export interface FileLockOptions {
  readonly fs: TokenFileSystem;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** How long to wait for a live holder before giving up with `lock_timeout`. */
  readonly timeoutMs: number;
  /** A lock recorded longer ago than this is a crashed holder's, and is taken over. */
  readonly staleMs: number;
}

/** What a holder wrote into the lock file. */
interface LockRecord {
  readonly pid: number | undefined;
  readonly acquiredAtMs: number;
}

/**
 * A lock shared by every process that can reach `path`: whoever creates the file (`open` with
 * `wx`, which fails if it exists) holds it, and removes it when done. The file records the
 * holder's pid and acquisition time and a random id, so that a holder removes only its own
 * lock and a waiter can tell a stale lock from a live one.
 *
 * A task must finish within `staleMs`, or a waiter takes the lock over. Not reentrant: a task
 * that calls `run` on the same lock waits for itself.
 */
export class FileLock {
  readonly #path: string;
  readonly #options: FileLockOptions;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(path: string, options: FileLockOptions) {
    this.#path = path;
    this.#options = options;
  }

  /** Runs `task` holding the lock; tasks of this instance first wait for each other. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(() => this.#runLocked(task));
    // The chain only orders the tasks; each failure reaches its own caller through `result`.
    this.#tail = result.then(() => undefined, () => undefined);
    return result;
  }

  async #runLocked<T>(task: () => Promise<T>): Promise<T> {
    const held = await this.#acquire();

    let result: T;
    try {
      result = await task();
    } catch (taskError) {
      // The task's failure is what the caller must act on. Should the release fail as well,
      // the lock left behind goes stale and is taken over, so that failure is not the news.
      await this.#release(held).catch(() => undefined);
      throw taskError;
    }

    await this.#release(held);
    return result;
  }

  async #acquire(): Promise<string> {
    const { clock, staleMs, timeoutMs } = this.#options;
    const deadlineMs = clock.now() + timeoutMs;

    for (;;) {
      const mine = this.#newRecord();
      if (await this.#tryCreate(this.#path, mine)) return mine;

      const held = await this.#read();
      if (held === undefined) continue;
      const heldSinceMs = parseLockRecord(held)?.acquiredAtMs ?? (await this.#modifiedAtMs());
      if (heldSinceMs === undefined) continue;
      if (clock.now() - heldSinceMs > staleMs && (await this.#takeOver(held))) continue;

      if (clock.now() >= deadlineMs) throw this.#timeout(held);
      await new Promise<void>((resolve) => {
        this.#options.scheduler.setTimeout(resolve, LOCK_RETRY_MS);
      });
    }
  }

  /**
   * Removes a stale lock, unless another waiter replaced it first. Waiters that judged the
   * same stale lock compete for one guard file named after its content; the winner checks
   * that the lock still holds that content before removing it, so a fresh lock taken by a
   * faster waiter is never removed. A taker that crashes between the two leaves the stale
   * lock and its guard behind; waiters then time out with a message that says to delete it.
   */
  async #takeOver(staleText: string): Promise<boolean> {
    const digest = createHash('sha256').update(staleText, 'utf8').digest('hex').slice(0, 16);
    const guardPath = `${this.#path}.${digest}.takeover`;
    if (!(await this.#tryCreate(guardPath, this.#newRecord()))) return false;

    try {
      if ((await this.#read()) !== staleText) return false;
      await this.#attempt('take over', () => removeIfPresent(this.#options.fs, this.#path));
      return true;
    } finally {
      await this.#attempt('take over', () => removeIfPresent(this.#options.fs, guardPath));
    }
  }

  async #release(mine: string): Promise<void> {
    // A lock that is no longer ours was taken over while the task overran `staleMs`; it is
    // the new holder's to remove.
    if ((await this.#read()) !== mine) return;
    await this.#attempt('release', () => removeIfPresent(this.#options.fs, this.#path));
  }

  async #tryCreate(path: string, content: string): Promise<boolean> {
    const { fs } = this.#options;
    return this.#attempt('create', async () => {
      let handle;
      try {
        handle = await fs.open(path, 'wx', PRIVATE_FILE_MODE);
      } catch (error) {
        if (fileErrorCode(error) === 'EEXIST') return false;
        throw error;
      }
      try {
        await handle.writeFile(content, 'utf8');
      } finally {
        await handle.close();
      }
      return true;
    });
  }

  async #read(): Promise<string | undefined> {
    return this.#attempt('read', async () => {
      try {
        return await this.#options.fs.readFile(this.#path, 'utf8');
      } catch (error) {
        if (fileErrorCode(error) === 'ENOENT') return undefined;
        throw error;
      }
    });
  }

  /**
   * When a lock without a readable record was last written: its holder is between creating
   * and writing it, or crashed there, and only the file's own time can tell the two apart.
   */
  async #modifiedAtMs(): Promise<number | undefined> {
    return this.#attempt('read', async () => {
      try {
        return (await this.#options.fs.stat(this.#path)).mtimeMs;
      } catch (error) {
        if (fileErrorCode(error) === 'ENOENT') return undefined;
        throw error;
      }
    });
  }

  async #attempt<T>(action: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      throw new TokenStoreError(
        `Could not ${action} the lock ${this.#path} (${describeFileError(error)}): check that ` +
          'its directory exists and is writable.',
        'io',
        { cause: error },
      );
    }
  }

  #newRecord(): string {
    return JSON.stringify({
      pid: process.pid,
      acquiredAt: new Date(this.#options.clock.now()).toISOString(),
      id: randomBytes(8).toString('hex'),
    });
  }

  #timeout(held: string): TokenStoreError {
    const record = parseLockRecord(held);
    const holder = record === undefined
      ? 'another holder'
      : `process ${record.pid ?? '(unknown)'} since ${new Date(record.acquiredAtMs).toISOString()}`;
    return new TokenStoreError(
      `Gave up after ${this.#options.timeoutMs} ms waiting for the lock ${this.#path}, held by ` +
        `${holder}. If no other process uses this token store, delete ${this.#path}.`,
      'lock_timeout',
    );
  }
}

function parseLockRecord(text: string): LockRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Half-written or foreign: the caller judges it by the file's time instead.
    return undefined;
  }
  if (typeof value !== 'object' || value === null || !('acquiredAt' in value)) return undefined;

  const acquiredAtMs = typeof value.acquiredAt === 'string' ? Date.parse(value.acquiredAt) : NaN;
  if (!Number.isFinite(acquiredAtMs)) return undefined;
  const pid = 'pid' in value && typeof value.pid === 'number' ? value.pid : undefined;
  return { pid, acquiredAtMs };
}
