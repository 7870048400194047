import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import type { HistoryResolution } from '../scenario/source.js';
import type { HistoryAnchor } from './history-window.js';

/** Where a page of history sits in the window its first request fixed. */
export interface HistoryCursor {
  readonly homeId: string;
  readonly deviceId: string;
  readonly resolution: HistoryResolution;
  readonly anchor: HistoryAnchor;
  readonly startMs: number;
  readonly endMs: number;
  readonly offset: number;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Cursors are sealed with AES-256-GCM under a key made at start: a client cannot read or
 * forge one, only follow it, and the server keeps no state per cursor however long it runs.
 */
export class HistoryCursors {
  readonly #key = randomBytes(32);

  seal(cursor: HistoryCursor): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(cursor)), cipher.final()]);
    return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
  }

  open(text: string): HistoryCursor | undefined {
    const bytes = Buffer.from(text, 'base64url');
    if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
    const iv = bytes.subarray(0, IV_BYTES);
    const tag = bytes.subarray(bytes.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.#key, iv);
    decipher.setAuthTag(tag);
    try {
      const plain = Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]);
      // Authenticated: only this server can have written it, so its shape is known.
      return JSON.parse(plain.toString('utf8')) as HistoryCursor;
    } catch {
      // Tampered with, truncated, or sealed by another server instance.
      return undefined;
    }
  }
}
