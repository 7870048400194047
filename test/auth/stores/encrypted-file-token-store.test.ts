import * as nodeFs from 'node:fs/promises';

import { describe, expect, it } from 'vitest';

import { EncryptedFileTokenStore } from '../../../src/auth/encrypted-file-token-store.js';
import { ConfigurationError } from '../../../src/shared/errors.js';
import {
  ACCESS,
  KEY_A,
  KEY_A_BYTES,
  KEY_B,
  REFRESH,
  fileStore,
  makeSession,
  storeFailure,
  useTempDir,
} from './helpers.js';

const dir = useTempDir();

async function envelopeOf(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await nodeFs.readFile(path, 'utf8')) as Record<string, unknown>;
}

describe('EncryptedFileTokenStore: saving and loading', () => {
  it('loads the session it saved', async () => {
    const store = fileStore(dir.file());
    const session = makeSession();

    await store.save(session);

    expect(await store.load()).toEqual(session);
    expect(await fileStore(dir.file()).load()).toEqual(session);
  });

  it('loads undefined when there is no file', async () => {
    expect(await fileStore(dir.file()).load()).toBeUndefined();
  });

  it('clears the file, and clears again without complaint', async () => {
    const store = fileStore(dir.file());
    await store.save(makeSession());

    await store.clear();
    await store.clear();

    expect(await store.load()).toBeUndefined();
    expect(await nodeFs.readdir(dir.path)).toEqual([]);
  });

  it('writes the documented envelope, with a fresh salt and nonce on every write', async () => {
    const store = fileStore(dir.file());
    const session = makeSession();

    await store.save(session);
    const first = await envelopeOf(dir.file());
    await store.save(session);
    const second = await envelopeOf(dir.file());

    expect(Object.keys(first)).toEqual(
      ['format', 'version', 'kid', 'salt', 'iv', 'tag', 'ciphertext'],
    );
    expect(first).toMatchObject({ format: 'tibber-data/token-store', version: 1 });
    expect(first['kid']).toMatch(/^[0-9a-f]{16}$/);
    expect(second['kid']).toBe(first['kid']);
    expect(second['iv']).not.toBe(first['iv']);
    expect(second['salt']).not.toBe(first['salt']);
    expect(second['ciphertext']).not.toBe(first['ciphertext']);
    expect(Buffer.from(first['iv'] as string, 'base64url')).toHaveLength(12);
  });

  it('keeps the file readable and writable by its owner only', async () => {
    await fileStore(dir.file()).save(makeSession());

    const { mode } = await nodeFs.stat(dir.file());

    expect(mode & 0o777).toBe(0o600);
  });

  it('writes neither a token nor the key into the file', async () => {
    await fileStore(dir.file()).save(makeSession());

    const bytes = await nodeFs.readFile(dir.file());
    const text = bytes.toString('latin1');

    for (const secret of [ACCESS, REFRESH, KEY_A, KEY_A_BYTES.toString('base64url')]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(Buffer.from(secret).toString('base64url'));
    }
    expect(bytes.includes(KEY_A_BYTES)).toBe(false);
  });
});

describe('EncryptedFileTokenStore: keys', () => {
  it('refuses to start without a key, naming the variable and how to make one', () => {
    const construct = (): unknown => new EncryptedFileTokenStore({ path: dir.file(), env: {} });

    expect(construct).toThrow(ConfigurationError);
    expect(construct).toThrow(/TIBBER_DATA_TOKEN_KEY/);
    expect(construct).toThrow(/openssl rand -base64 32/);
  });

  it('refuses a key shorter than 32 bytes', () => {
    const short = Buffer.alloc(31, 7);

    expect(() => fileStore(dir.file(), { key: short })).toThrow(ConfigurationError);
    expect(() => fileStore(dir.file(), { key: 'short key' })).toThrow(
      /shorter than 32 bytes/,
    );
    expect(() => fileStore(dir.file(), { key: KEY_A, previousKeys: [short] })).toThrow(
      new ConfigurationError('The token store key from previousKeys[0] is shorter than 32 ' +
        'bytes: use 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`.'),
    );
  });

  it('reads the key from TIBBER_DATA_TOKEN_KEY in the env it is given', async () => {
    const session = makeSession();

    await new EncryptedFileTokenStore({ path: dir.file(), env: { TIBBER_DATA_TOKEN_KEY: KEY_A } })
      .save(session);

    expect(await fileStore(dir.file(), { key: KEY_A }).load()).toEqual(session);
    expect(process.env['TIBBER_DATA_TOKEN_KEY']).toBeUndefined();
  });

  it('prefers the key option over the environment', async () => {
    const env = { TIBBER_DATA_TOKEN_KEY: KEY_B };
    await new EncryptedFileTokenStore({ path: dir.file(), key: KEY_A, env }).save(makeSession());

    expect(await fileStore(dir.file(), { key: KEY_A }).load()).toEqual(makeSession());
  });

  it('fails with key_unknown for a file written with a key it does not have', async () => {
    await fileStore(dir.file(), { key: KEY_A }).save(makeSession());

    const error = await storeFailure(fileStore(dir.file(), { key: KEY_B }).load(), 'key_unknown');

    expect(error.message).toContain(dir.file());
    expect(error.message).toContain('previous keys');
  });

  it('reads a file written with a previous key, and writes with the current one', async () => {
    await fileStore(dir.file(), { key: KEY_A }).save(makeSession());
    const rotated = fileStore(dir.file(), { key: KEY_B, previousKeys: [KEY_A] });

    const session = await rotated.load();
    await rotated.save(makeSession({ accessToken: 'access-after-rotation' }));

    expect(session).toEqual(makeSession());
    expect(await fileStore(dir.file(), { key: KEY_B }).load()).toEqual(
      makeSession({ accessToken: 'access-after-rotation' }),
    );
    await storeFailure(fileStore(dir.file(), { key: KEY_A }).load(), 'key_unknown');
  });
});

describe('EncryptedFileTokenStore: damaged files', () => {
  it.each(['ciphertext', 'tag', 'iv', 'salt'])(
    'fails with decryption_failed when one byte of the %s is changed',
    async (field) => {
      await fileStore(dir.file()).save(makeSession());
      const envelope = await envelopeOf(dir.file());
      const bytes = Buffer.from(envelope[field] as string, 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 0x01;
      envelope[field] = bytes.toString('base64url');
      await nodeFs.writeFile(dir.file(), JSON.stringify(envelope));

      const error = await storeFailure(fileStore(dir.file()).load(), 'decryption_failed');

      expect(error.message).toContain(dir.file());
    },
  );

  it.each([
    ['garbage', 'not an envelope at all \u0000\u0001'],
    ['another JSON document', '{"hello":"world"}'],
    ['a newer format version', JSON.stringify({ format: 'tibber-data/token-store', version: 2 })],
    ['an empty file', ''],
  ])('fails with corrupt for %s', async (_name, content) => {
    await nodeFs.writeFile(dir.file(), content);

    const error = await storeFailure(fileStore(dir.file()).load(), 'corrupt');

    expect(error.message).toContain(dir.file());
    expect(error.cause).toBeUndefined();
  });
});
