import { describe, expect, it } from 'vitest';

import { Listeners } from '../../src/shared/listeners.js';

describe('Listeners', () => {
  it('calls every listener even when one throws or rejects, and reports both', async () => {
    const failures: unknown[] = [];
    const listeners = new Listeners<number>((error) => failures.push(error));
    const seen: number[] = [];
    listeners.add(() => {
      throw new Error('sync');
    });
    listeners.add(() => Promise.reject(new Error('async')));
    listeners.add((value) => seen.push(value));

    listeners.emit(7);
    await Promise.resolve();

    expect(seen).toEqual([7]);
    expect(failures.map((e) => (e as Error).message)).toEqual(['sync', 'async']);
  });

  it('removes a listener with the function add returned, idempotently', () => {
    const listeners = new Listeners<string>(() => undefined);
    const seen: string[] = [];
    const remove = listeners.add((value) => seen.push(value));

    remove();
    remove();
    listeners.emit('x');

    expect(seen).toEqual([]);
    expect(listeners.size).toBe(0);
  });
});
