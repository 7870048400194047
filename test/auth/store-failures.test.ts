import { describe, expect, it } from 'vitest';

import { MemoryTokenStore } from '../../src/auth/memory-token-store.js';
import type { TokenStore } from '../../src/auth/token-store.js';
import type { OAuthSession } from '../../src/models/index.js';
import { TokenStoreError } from '../../src/shared/errors.js';
import { HOUR_MS, useAuthHarness } from './harness.js';

const start = useAuthHarness();

/** A memory store whose saves can be made to fail, or to wait, on demand. */
class ControlledStore implements TokenStore {
  readonly inner = new MemoryTokenStore();
  failNextSave = false;
  gate: Promise<void> | undefined;
  saves = 0;

  load(): Promise<OAuthSession | undefined> {
    return this.inner.load();
  }

  async save(session: OAuthSession): Promise<void> {
    this.saves++;
    if (this.failNextSave) {
      this.failNextSave = false;
      throw new TokenStoreError('disk full', 'io');
    }
    await this.gate;
    await this.inner.save(session);
  }

  clear(): Promise<void> {
    return this.inner.clear();
  }

  exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.inner.exclusive(task);
  }
}

describe('saving refreshed tokens (A4)', () => {
  it('hands out no new token until it is saved, then saves it without a new request', async () => {
    const store = new ControlledStore();
    const { manager, advance, server, tokenRequests, signIn } = await start({ store });
    const session = await signIn();
    advance(HOUR_MS);
    store.failNextSave = true;

    const error: unknown = await manager.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenStoreError);
    expect(await store.load()).toEqual(session);
    expect(tokenRequests('refresh_token')).toBe(1);

    advance(1_000);
    const token = await manager.getAccessToken();
    expect(token).not.toBe(session.accessToken);
    expect((await store.load())?.accessToken).toBe(token);
    expect(tokenRequests('refresh_token')).toBe(1);

    advance(HOUR_MS);
    await manager.getAccessToken();
    expect(tokenRequests('refresh_token')).toBe(2);
    expect(server.requests.filter((r) => r.route === 'token' && r.status !== 200)).toEqual([]);
  });

  it('finishes the save when the waiting caller aborts', async () => {
    const store = new ControlledStore();
    const { manager, advance, tokenRequests, signIn } = await start({ store });
    await signIn();
    advance(HOUR_MS);
    let release = (): void => undefined;
    store.gate = new Promise((resolve) => {
      release = resolve;
    });
    const caller = new AbortController();

    const waiting = manager.getAccessToken({ signal: caller.signal }).catch((e: unknown) => e);
    while (store.saves < 2) await new Promise((resolve) => setImmediate(resolve));
    caller.abort(new Error('the hub gave up'));
    expect(await waiting).toEqual(new Error('the hub gave up'));
    release();

    const token = await manager.getAccessToken();
    expect((await store.load())?.accessToken).toBe(token);
    expect(tokenRequests('refresh_token')).toBe(1);
  });

  it('leaves the old session whole when the process dies before the save', async () => {
    const store = new ControlledStore();
    const { manager, advance, newManager, signIn } = await start({ store });
    const session = await signIn();
    advance(HOUR_MS);
    store.gate = new Promise(() => undefined);

    void manager.getAccessToken();
    while (store.saves < 2) await new Promise((resolve) => setImmediate(resolve));

    expect(await newManager().session()).toEqual(session);
  });
});
