import { createHash } from 'node:crypto';

import { ConfigurationError } from '../shared/errors.js';

/** The environment variable a token store key is read from when none is passed. */
export const TOKEN_KEY_ENV = 'TIBBER_DATA_TOKEN_KEY';

/** Less would make AES-256 only as strong as the shorter key. */
export const MIN_KEY_BYTES = 32;

/** A key as an operator supplies it; see `parseStoreKey` for how a string is read. */
export type StoreKeyInput = string | Uint8Array;

export interface StoreKey {
  /** A short, non-reversible id of the material: it names the key in the envelope. */
  readonly kid: string;
  readonly material: Uint8Array;
}

const HOW_TO_MAKE_ONE =
  `use ${MIN_KEY_BYTES} random bytes in base64, e.g. the output of \`openssl rand -base64 32\``;

const BASE64 = /^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/;

/**
 * Reads key material. A `Uint8Array` is the raw key. A string, trimmed of surrounding
 * whitespace (an env file's newline must not change the key), is base64 or base64url when it
 * is written in that alphabet, decodes canonically and yields at least 32 bytes; any other
 * string is its UTF-8 bytes. Either way at least 32 bytes are required.
 *
 * Text keys are not stretched: a key must be random, never a memorable passphrase.
 * `label` names where the key came from in the error, never the key itself.
 */
export function parseStoreKey(input: StoreKeyInput, label: string): StoreKey {
  const material = typeof input === 'string' ? decodeKeyString(input.trim()) : input;
  if (material.byteLength < MIN_KEY_BYTES) {
    throw new ConfigurationError(
      `The token store key from ${label} is shorter than ${MIN_KEY_BYTES} bytes: ` +
        `${HOW_TO_MAKE_ONE}.`,
    );
  }
  return { kid: keyId(material), material: Uint8Array.from(material) };
}

/**
 * The key to write with: `key` when given, else the environment variable. Never generated:
 * a key stored beside the tokens would protect nothing.
 */
export function resolveStoreKey(
  key: StoreKeyInput | undefined,
  env: NodeJS.ProcessEnv,
  path: string,
): StoreKey {
  if (key !== undefined) return parseStoreKey(key, 'the key option');

  const fromEnv = env[TOKEN_KEY_ENV];
  if (fromEnv === undefined || fromEnv.trim() === '') {
    throw new ConfigurationError(
      `No key for the token store ${path}: set ${TOKEN_KEY_ENV} or pass the key option; ` +
        `${HOW_TO_MAKE_ONE}, and keep it apart from the token file.`,
    );
  }
  return parseStoreKey(fromEnv, TOKEN_KEY_ENV);
}

/**
 * The first 16 hex characters of a domain-separated sha256: it tells keys apart and reveals
 * nothing that helps recover one (the material has at least 256 bits).
 */
export function keyId(material: Uint8Array): string {
  return createHash('sha256')
    .update('tibber-data/token-store key id\0', 'utf8')
    .update(material)
    .digest('hex')
    .slice(0, 16);
}

function decodeKeyString(text: string): Uint8Array {
  if (BASE64.test(text)) {
    const isUrl = /[-_]/.test(text);
    const bytes = Buffer.from(text, isUrl ? 'base64url' : 'base64');
    const isCanonical = stripPadding(bytes.toString(isUrl ? 'base64url' : 'base64')) ===
      stripPadding(text);
    if (isCanonical && bytes.byteLength >= MIN_KEY_BYTES) return bytes;
  }
  return Buffer.from(text, 'utf8');
}

function stripPadding(text: string): string {
  return text.replace(/=+$/, '');
}
