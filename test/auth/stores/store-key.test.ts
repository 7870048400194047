import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { keyId, parseStoreKey } from '../../../src/auth/store-key.js';
import { ConfigurationError } from '../../../src/shared/errors.js';
import { KEY_A_BYTES, KEY_B_BYTES } from './helpers.js';

describe('parseStoreKey', () => {
  it.each([
    ['raw bytes', KEY_A_BYTES],
    ['base64', KEY_A_BYTES.toString('base64')],
    ['base64 without padding', KEY_A_BYTES.toString('base64').replace(/=+$/, '')],
    ['base64url', KEY_A_BYTES.toString('base64url')],
    ['base64 with a trailing newline', `${KEY_A_BYTES.toString('base64')}\n`],
  ])('reads %s as the same key', (_form, input) => {
    const key = parseStoreKey(input, 'the key option');

    expect(Buffer.from(key.material).equals(KEY_A_BYTES)).toBe(true);
    expect(key.kid).toBe(keyId(KEY_A_BYTES));
  });

  it('reads a string that does not decode to 32 bytes of base64 as UTF-8 text', () => {
    const text = 'not base64, but 32 or more chars!';

    expect(Buffer.from(parseStoreKey(text, 'the key option').material).toString()).toBe(text);
  });

  it.each([
    ['31 raw bytes', Buffer.alloc(31, 1)],
    ['31 characters of text', 'x'.repeat(31)],
    ['an empty string', ''],
  ])('refuses %s', (_form, input) => {
    expect(() => parseStoreKey(input, 'the key option')).toThrow(
      new ConfigurationError('The token store key from the key option is shorter than 32 bytes: ' +
        'use 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`.'),
    );
  });
});

describe('keyId', () => {
  it('is 16 hex characters of a domain-separated sha256, distinct per key', () => {
    const plainDigest = createHash('sha256').update(KEY_A_BYTES).digest('hex');

    expect(keyId(KEY_A_BYTES)).toMatch(/^[0-9a-f]{16}$/);
    expect(plainDigest.startsWith(keyId(KEY_A_BYTES))).toBe(false);
    expect(keyId(KEY_B_BYTES)).not.toBe(keyId(KEY_A_BYTES));
  });
});
