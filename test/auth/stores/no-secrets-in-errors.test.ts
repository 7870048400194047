import * as nodeFs from 'node:fs/promises';
import { format, inspect } from 'node:util';

import { describe, expect, it } from 'vitest';

import { EncryptedFileTokenStore } from '../../../src/auth/encrypted-file-token-store.js';
import { parseStoreKey } from '../../../src/auth/store-key.js';
import { sealEnvelope } from '../../../src/auth/token-envelope.js';
import { oauthSessionFields } from '../../../src/models/index.js';
import { ManualClock } from '../../../src/shared/clock.js';
import type { TokenStoreFailure } from '../../../src/shared/errors.js';
import {
  ACCESS,
  KEY_A,
  KEY_A_BYTES,
  KEY_B,
  REFRESH,
  driveClock,
  fileStore,
  makeSession,
  storeFailure,
  useTempDir,
} from './helpers.js';

const dir = useTempDir();
const SHORT_KEY = 'short-secret-key-material';

const SECRETS = [ACCESS, REFRESH, KEY_A, KEY_B, KEY_A_BYTES.toString('hex'), SHORT_KEY];

function everyForm(error: unknown): string[] {
  return [
    String(error),
    (error as Error).stack ?? '',
    JSON.stringify(error),
    inspect(error, { depth: null, showHidden: true }),
    format('%o', error),
  ];
}

async function sealedFile(plaintext: string): Promise<void> {
  await nodeFs.writeFile(dir.file(), sealEnvelope(plaintext, parseStoreKey(KEY_A, 'test')));
}

/** The ciphertext of the token file, where there is one. */
async function ciphertextOnDisk(): Promise<string[]> {
  const text = await nodeFs.readFile(dir.file(), 'utf8').then(String, () => '');
  const match = /"ciphertext": ?"([^"]+)"/.exec(text);
  return match?.[1] === undefined ? [] : [match[1]];
}

const paths: [string, TokenStoreFailure, () => Promise<unknown>][] = [
  ['a file written with another key', 'key_unknown', async () => {
    await fileStore(dir.file()).save(makeSession());
    return fileStore(dir.file(), { key: KEY_B }).load();
  }],
  ['a file that fails to authenticate', 'decryption_failed', async () => {
    await fileStore(dir.file()).save(makeSession());
    const envelope = JSON.parse(await nodeFs.readFile(dir.file(), 'utf8')) as { tag: string };
    envelope.tag = Buffer.alloc(16).toString('base64url');
    await nodeFs.writeFile(dir.file(), JSON.stringify(envelope));
    return fileStore(dir.file()).load();
  }],
  ['a session stored unencrypted', 'corrupt', async () => {
    await nodeFs.writeFile(dir.file(), JSON.stringify(oauthSessionFields(makeSession())));
    return fileStore(dir.file()).load();
  }],
  ['decrypted text that is not JSON', 'corrupt', async () => {
    await sealedFile(`{"accessToken":"${ACCESS}",`);
    return fileStore(dir.file()).load();
  }],
  ['a decrypted session with a bad field', 'corrupt', async () => {
    const fields = { ...oauthSessionFields(makeSession()), expiresAt: REFRESH };
    await sealedFile(JSON.stringify(fields));
    return fileStore(dir.file()).load();
  }],
  ['a failed write', 'io', () => {
    const failure = Object.assign(new Error('EROFS: read-only'), { code: 'EROFS' });
    const fs = { ...nodeFs, rename: () => Promise.reject(failure) };
    return fileStore(dir.file(), { fs }).save(makeSession());
  }],
  ['a lock held too long', 'lock_timeout', async () => {
    const clock = new ManualClock();
    const record = { pid: 1, acquiredAt: new Date(clock.now()).toISOString() };
    await nodeFs.writeFile(`${dir.file()}.lock`, JSON.stringify(record));
    const store = fileStore(dir.file(), { clock, scheduler: clock, lockTimeoutMs: 100 });
    return driveClock(clock, store.exclusive(() => Promise.resolve(ACCESS)), 50);
  }],
];

describe('token store errors never show a token, a key or ciphertext', () => {
  it.each(paths)('for %s', async (_path, failure, run) => {
    const error = await storeFailure(run(), failure);
    const secrets = [...SECRETS, ...(await ciphertextOnDisk())];

    for (const form of everyForm(error)) {
      for (const secret of secrets) expect(form).not.toContain(secret);
    }
  });

  it('names only the field of a bad decrypted session', async () => {
    await sealedFile(JSON.stringify({ ...oauthSessionFields(makeSession()), expiresAt: ACCESS }));

    const error = await storeFailure(fileStore(dir.file()).load(), 'corrupt');

    expect(error.message).toBe(
      `${dir.file()} decrypts, but holds no valid session (OAuthSession.expiresAt must be an ` +
        'ISO 8601 date-time). Clear the store and sign in again.',
    );
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it.each([
    ['a short key option', { key: SHORT_KEY }],
    ['a short key in the environment', { env: { TIBBER_DATA_TOKEN_KEY: SHORT_KEY } }],
  ])('for %s', (_path, options) => {
    let thrown: unknown;
    try {
      new EncryptedFileTokenStore({ path: dir.file(), env: {}, ...options });
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toMatchObject({ code: 'configuration' });
    for (const form of everyForm(thrown)) expect(form).not.toContain(SHORT_KEY);
  });
});
