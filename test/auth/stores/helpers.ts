import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, expect } from 'vitest';

import { EncryptedFileTokenStore } from '../../../src/auth/encrypted-file-token-store.js';
import type {
  EncryptedFileTokenStoreOptions,
} from '../../../src/auth/encrypted-file-token-store.js';
import { createOAuthSession } from '../../../src/models/index.js';
import type { OAuthSession, OAuthSessionFields } from '../../../src/models/index.js';
import type { ManualClock } from '../../../src/shared/clock.js';
import { TokenStoreError } from '../../../src/shared/errors.js';
import type { TokenStoreFailure } from '../../../src/shared/errors.js';

export const ACCESS = 'eyJhbGciOiJSUzI1NiJ9.access-secret-payload.signature';
export const REFRESH = 'refresh-secret-4f9a2c';

/** 32 fixed bytes each, so that a failing test is reproducible. */
export const KEY_A_BYTES = createHash('sha256').update('test key A').digest();
export const KEY_B_BYTES = createHash('sha256').update('test key B').digest();
export const KEY_A = KEY_A_BYTES.toString('base64');
export const KEY_B = KEY_B_BYTES.toString('base64');

export function makeSession(overrides: Partial<OAuthSessionFields> = {}): OAuthSession {
  return createOAuthSession({
    sessionId: 'session-1',
    userId: 'user-1',
    accessToken: ACCESS,
    refreshToken: REFRESH,
    tokenType: 'Bearer',
    expiresAt: '2026-01-01T01:00:00.000Z',
    scopes: ['openid', 'offline_access'],
    createdAt: '2026-01-01T00:00:00.000Z',
    lastRefreshed: '2026-01-01T00:00:00.000Z',
    ...overrides,
  });
}

/** A fresh directory under the OS temp dir per test, removed after it. */
export function useTempDir(): { readonly path: string; file(name?: string): string } {
  let path = '';
  beforeEach(async () => {
    path = await nodeFs.mkdtemp(join(tmpdir(), 'tibber-data-store-'));
  });
  afterEach(async () => {
    await nodeFs.rm(path, { recursive: true, force: true });
  });
  return {
    get path() {
      return path;
    },
    file(name = 'tokens.json') {
      return join(path, name);
    },
  };
}

export function fileStore(
  path: string,
  options: Omit<EncryptedFileTokenStoreOptions, 'path'> = {},
): EncryptedFileTokenStore {
  return new EncryptedFileTokenStore({ path, key: KEY_A, env: {}, ...options });
}

/** The rejection of `promise`, checked to be a `TokenStoreError` with this failure. */
export async function storeFailure(
  promise: Promise<unknown>,
  failure: TokenStoreFailure,
): Promise<TokenStoreError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TokenStoreError);
  expect(error).toMatchObject({ code: 'token_store', failure });
  return error as TokenStoreError;
}

/**
 * Yields to the event loop until `isDone` holds. File system callbacks come back through the
 * event loop after work on libuv's thread pool, so no number of microtask turns is enough;
 * this polls, it never sleeps, and gives up after `limitMs` of wall time.
 */
export async function until(isDone: () => boolean, limitMs = 5_000): Promise<void> {
  const giveUpAt = performance.now() + limitMs;
  while (!isDone()) {
    if (performance.now() > giveUpAt) throw new Error('the awaited condition never held');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Lets pending file system work finish, until the clock has a timer or `isDone` holds. */
export async function settleIo(clock: ManualClock, isDone: () => boolean): Promise<void> {
  await until(() => isDone() || clock.pendingDelaysMs().length > 0);
}

/** Moves `clock` in steps of `stepMs`, letting file system work finish between steps. */
export async function driveClock<T>(
  clock: ManualClock,
  promise: Promise<T>,
  stepMs: number,
): Promise<T> {
  const state = { isSettled: false };
  const settled = promise.finally(() => {
    state.isSettled = true;
  });
  // The caller sees the rejection through the returned promise; this only keeps it handled
  // while the clock is still moving.
  settled.catch(() => undefined);

  for (let step = 0; step < 10_000; step++) {
    await settleIo(clock, () => state.isSettled);
    if (state.isSettled) return settled;
    clock.advance(stepMs);
  }
  throw new Error('the promise never settled');
}

export async function exists(path: string): Promise<boolean> {
  return nodeFs.stat(path).then(() => true, () => false);
}

/** A deferred promise: a task that finishes when the test says so. */
function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/**
 * Two tasks that record when they run. The first waits until `release` is called, then
 * resolves with `'first'`, or rejects with `failure` when one is given.
 */
export function orderedTasks(failure?: Error): {
  readonly order: readonly string[];
  release(): void;
  first(): Promise<string>;
  second(): Promise<string>;
} {
  const order: string[] = [];
  const gate = deferred();
  return {
    order,
    release: gate.resolve,
    async first() {
      order.push('first started');
      await gate.promise;
      order.push('first finished');
      if (failure !== undefined) throw failure;
      return 'first';
    },
    second() {
      order.push('second started');
      return Promise.resolve('second');
    },
  };
}
