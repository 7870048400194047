import * as nodeFs from 'node:fs/promises';

import { describe, expect, it } from 'vitest';

import { ManualClock } from '../../../src/shared/clock.js';
import {
  driveClock,
  exists,
  fileStore,
  orderedTasks,
  settleIo,
  storeFailure,
  until,
  useTempDir,
} from './helpers.js';

const dir = useTempDir();

function lockRecord(acquiredAtMs: number): string {
  return JSON.stringify({ pid: 4242, acquiredAt: new Date(acquiredAtMs).toISOString(), id: 'x' });
}

describe('EncryptedFileTokenStore.exclusive', () => {
  it('keeps a second instance out until the first one\'s task resolves', async () => {
    const clock = new ManualClock();
    const first = fileStore(dir.file(), { clock, scheduler: clock });
    const second = fileStore(dir.file(), { clock, scheduler: clock });
    const tasks = orderedTasks();

    const firstRun = first.exclusive(tasks.first);
    await settleIo(clock, () => tasks.order.length > 0);
    const secondRun = second.exclusive(tasks.second);
    for (let attempt = 0; attempt < 5; attempt++) {
      await settleIo(clock, () => false);
      expect(clock.pendingDelaysMs()).toEqual([50]);
      clock.advance(50);
    }
    expect(tasks.order).toEqual(['first started']);

    tasks.release();

    expect(await firstRun).toBe('first');
    expect(await driveClock(clock, secondRun, 50)).toBe('second');
    expect(tasks.order).toEqual(['first started', 'first finished', 'second started']);
    expect(await exists(`${dir.file()}.lock`)).toBe(false);
  });

  it('runs the tasks of one instance one after the other', async () => {
    const store = fileStore(dir.file());
    const tasks = orderedTasks();

    const runs = [store.exclusive(tasks.first), store.exclusive(tasks.second)];
    await until(() => tasks.order.length > 0);
    expect(tasks.order).toEqual(['first started']);
    tasks.release();

    expect(await Promise.all(runs)).toEqual(['first', 'second']);
    expect(tasks.order).toEqual(['first started', 'first finished', 'second started']);
  });

  it('records its pid and acquisition time in the lock file while the task runs', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
    const store = fileStore(dir.file(), { clock, scheduler: clock });

    const record = await store.exclusive(() => nodeFs.readFile(`${dir.file()}.lock`, 'utf8'));

    expect(JSON.parse(record)).toEqual({
      pid: process.pid,
      acquiredAt: '2026-01-01T12:00:00.000Z',
      id: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });

  it('takes over a lock recorded longer ago than lockStaleMs', async () => {
    const clock = new ManualClock();
    await nodeFs.writeFile(`${dir.file()}.lock`, lockRecord(clock.now() - 60_001));
    const store = fileStore(dir.file(), { clock, scheduler: clock });

    const result = await store.exclusive(() => Promise.resolve('ran'));

    expect(result).toBe('ran');
    expect(await nodeFs.readdir(dir.path)).toEqual([]);
  });

  it('takes over an unreadable lock last written longer ago than lockStaleMs', async () => {
    const clock = new ManualClock();
    const lockPath = `${dir.file()}.lock`;
    await nodeFs.writeFile(lockPath, '');
    const written = new Date(clock.now() - 1_000);
    await nodeFs.utimes(lockPath, written, written);
    const store = fileStore(dir.file(), { clock, scheduler: clock, lockStaleMs: 1_500 });
    const startMs = clock.now();

    const result = await driveClock(clock, store.exclusive(() => Promise.resolve('ran')), 50);

    expect(result).toBe('ran');
    expect(clock.now() - startMs).toBe(550);
  });

  it('gives up with lock_timeout when a live holder keeps it past lockTimeoutMs', async () => {
    const clock = new ManualClock();
    const foreign = lockRecord(clock.now());
    await nodeFs.writeFile(`${dir.file()}.lock`, foreign);
    const store = fileStore(dir.file(), { clock, scheduler: clock, lockTimeoutMs: 1_000 });
    let hasRun = false;
    const startMs = clock.now();

    const run = store.exclusive(() => {
      hasRun = true;
      return Promise.resolve();
    });
    const error = await storeFailure(driveClock(clock, run, 50), 'lock_timeout');

    expect(hasRun).toBe(false);
    expect(clock.now() - startMs).toBe(1_000);
    expect(error.message).toBe(
      `Gave up after 1000 ms waiting for the lock ${dir.file()}.lock, held by process 4242 ` +
        `since 2026-01-01T00:00:00.000Z. If no other process uses this token store, delete ` +
        `${dir.file()}.lock.`,
    );
    expect(await nodeFs.readFile(`${dir.file()}.lock`, 'utf8')).toBe(foreign);
  });

  it('releases the lock when the task throws, and passes its error on', async () => {
    const store = fileStore(dir.file());
    const failure = new Error('task failed');

    await expect(store.exclusive(() => Promise.reject(failure))).rejects.toBe(failure);

    expect(await exists(`${dir.file()}.lock`)).toBe(false);
    expect(await store.exclusive(() => Promise.resolve('next'))).toBe('next');
  });

  it('leaves a lock alone that another holder took over while the task overran', async () => {
    const store = fileStore(dir.file());
    const newer = lockRecord(Date.now());

    await store.exclusive(() => nodeFs.writeFile(`${dir.file()}.lock`, newer));

    expect(await nodeFs.readFile(`${dir.file()}.lock`, 'utf8')).toBe(newer);
  });
});
