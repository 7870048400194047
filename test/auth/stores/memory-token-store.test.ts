import { describe, expect, it } from 'vitest';

import { MemoryTokenStore } from '../../../src/auth/memory-token-store.js';
import { makeSession, orderedTasks } from './helpers.js';

describe('MemoryTokenStore', () => {
  it('loads what it saved, or the session it was created with', async () => {
    const store = new MemoryTokenStore(makeSession());

    expect(await store.load()).toEqual(makeSession());
    await store.save(makeSession({ accessToken: 'newer' }));
    expect(await store.load()).toEqual(makeSession({ accessToken: 'newer' }));
  });

  it('loads undefined when empty, and after clear', async () => {
    const store = new MemoryTokenStore();

    expect(await store.load()).toBeUndefined();
    await store.save(makeSession());
    await store.clear();
    await store.clear();
    expect(await store.load()).toBeUndefined();
  });

  it('runs exclusive tasks one after the other, also after one rejects', async () => {
    const store = new MemoryTokenStore();
    const failure = new Error('task failed');
    const tasks = orderedTasks(failure);

    const first = store.exclusive(tasks.first);
    const second = store.exclusive(tasks.second);
    await Promise.resolve();
    expect(tasks.order).toEqual(['first started']);
    tasks.release();

    await expect(first).rejects.toBe(failure);
    expect(await second).toBe('second');
    expect(tasks.order).toEqual(['first started', 'first finished', 'second started']);
  });
});
