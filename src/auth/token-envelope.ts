import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

import { TokenStoreError } from '../shared/errors.js';
import type { StoreKey } from './store-key.js';

export const ENVELOPE_FORMAT = 'tibber-data/token-store';
export const ENVELOPE_VERSION = 1;

/** Changing the algorithm or the layout means a new version, and so a new derived key. */
const HKDF_INFO = `${ENVELOPE_FORMAT} v${ENVELOPE_VERSION} aes-256-gcm`;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The file as it is stored: every binary field in base64url. */
export interface TokenEnvelope {
  readonly format: typeof ENVELOPE_FORMAT;
  readonly version: typeof ENVELOPE_VERSION;
  readonly kid: string;
  readonly salt: string;
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

/** Encrypts `plaintext` with a fresh salt and nonce: no two writes share a key and nonce. */
export function sealEnvelope(plaintext: string, key: StoreKey): string {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(key, salt), iv, {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(associatedData(key.kid));

  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const envelope: TokenEnvelope = {
    format: ENVELOPE_FORMAT,
    version: ENVELOPE_VERSION,
    kid: key.kid,
    salt: salt.toString('base64url'),
    iv: iv.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
    ciphertext: ciphertext.toString('base64url'),
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/**
 * Decrypts a stored envelope with the key its `kid` names. `path` is only for the messages,
 * which say what to do and never show key, ciphertext or plaintext.
 */
export function openEnvelope(text: string, keys: readonly StoreKey[], path: string): string {
  const envelope = parseEnvelope(text, path);
  const key = keys.find((candidate) => candidate.kid === envelope.kid);
  if (key === undefined) {
    const configured = keys.map((candidate) => candidate.kid).join(', ');
    throw new TokenStoreError(
      `${path} was written with the key of id ${envelope.kid}, and the configured keys have ` +
        `ids ${configured}: configure the key it was written with (as the key, or among the ` +
        'previous keys), or clear the store and sign in again.',
      'key_unknown',
    );
  }

  const decipher = createDecipheriv(
    'aes-256-gcm',
    deriveKey(key, Buffer.from(envelope.salt, 'base64url')),
    Buffer.from(envelope.iv, 'base64url'),
    { authTagLength: TAG_BYTES },
  );
  decipher.setAAD(associatedData(key.kid));
  decipher.setAuthTag(Buffer.from(envelope.tag, 'base64url'));
  try {
    const ciphertext = Buffer.from(envelope.ciphertext, 'base64url');
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch (error) {
    // With a well-formed envelope and the key its id names, only authentication can fail.
    throw new TokenStoreError(
      `${path} does not decrypt with the key of id ${key.kid}: the file was altered or ` +
        'damaged. Restore it from a backup, or clear the store and sign in again.',
      'decryption_failed',
      { cause: error },
    );
  }
}

function deriveKey(key: StoreKey, salt: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', key.material, salt, HKDF_INFO, 32));
}

/** Binds the header to the ciphertext: a changed format, version or key id fails to open. */
function associatedData(kid: string): Buffer {
  return Buffer.from(`${ENVELOPE_FORMAT}\0${ENVELOPE_VERSION}\0${kid}`, 'utf8');
}

function parseEnvelope(text: string, path: string): TokenEnvelope {
  const corrupt = (reason: string): TokenStoreError =>
    new TokenStoreError(
      `${path} is not a token store file this version reads (${reason}). Restore it from a ` +
        'backup, or clear the store and sign in again.',
      'corrupt',
    );

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // No cause: a SyntaxError quotes the text around the fault, and that may be ciphertext.
    throw corrupt('not JSON');
  }
  if (!isRecord(value) || value['format'] !== ENVELOPE_FORMAT) throw corrupt('unknown format');
  if (value['version'] !== ENVELOPE_VERSION) throw corrupt('unknown format version');

  const { kid, salt, iv, tag, ciphertext } = value;
  if (typeof kid !== 'string' || !/^[0-9a-f]{16}$/.test(kid)) throw corrupt('bad key id');
  if (!isBase64Url(salt, SALT_BYTES)) throw corrupt('bad salt');
  if (!isBase64Url(iv, IV_BYTES)) throw corrupt('bad nonce');
  if (!isBase64Url(tag, TAG_BYTES)) throw corrupt('bad tag');
  if (!isBase64Url(ciphertext)) throw corrupt('bad ciphertext');
  return { format: ENVELOPE_FORMAT, version: ENVELOPE_VERSION, kid, salt, iv, tag, ciphertext };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBase64Url(value: unknown, byteLength?: number): value is string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]+$/.test(value)) return false;
  return byteLength === undefined || Buffer.from(value, 'base64url').byteLength === byteLength;
}
