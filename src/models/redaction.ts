import { createHash } from 'node:crypto';

import { deepFreeze } from './freeze.js';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * The first 8 hex characters of a secret's sha256: enough to tell two tokens apart in a
 * log or a diagnostics dump, far too little to recover or replay one.
 */
export function fingerprint(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 8);
}

/** The forms `sealSecrets` adds: both show fingerprints in place of the secret fields. */
export interface RedactedForms {
  toString(): string;
  toJSON(): Record<string, unknown>;
}

function redactedText(secret: string): string {
  return `[redacted sha256:${fingerprint(secret)}]`;
}

/**
 * Freezes `fields` as a value whose string, JSON and `util.inspect` forms show the secret
 * fields as fingerprints. The fields stay plain enumerable data, so the value compares by
 * value and the code that must send a token can still read it; only the accidental paths
 * (a log line, a template literal, `JSON.stringify` of a bigger object) are closed.
 */
export function sealSecrets<T extends object>(
  typeName: string,
  fields: T,
  secretKeys: readonly (keyof T & string)[],
): T & RedactedForms {
  const redacted = (self: object): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(self).map(([key, value]) => [
        key,
        (secretKeys as readonly string[]).includes(key) && typeof value === 'string'
          ? redactedText(value)
          : value,
      ]),
    );
  const describe = (self: object): string => `${typeName} ${JSON.stringify(redacted(self))}`;

  const prototype = Object.freeze(
    Object.create(Object.prototype, {
      toJSON: { value(this: object) { return redacted(this); } },
      toString: { value(this: object) { return describe(this); } },
      [INSPECT]: { value(this: object) { return describe(this); } },
    }) as object,
  );
  return deepFreeze(Object.assign(Object.create(prototype) as T & RedactedForms, fields));
}
