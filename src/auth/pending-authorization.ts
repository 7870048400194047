import type { RedactedForms } from '../models/index.js';
import { normaliseIsoInstant, sealSecrets } from '../models/index.js';

/**
 * A sign-in between its two steps: what the callback is checked against. It is plain
 * data so that a hub may persist it (with `pendingAuthorizationFields`) and a restart
 * between the steps does not break the sign-in; only the code verifier is secret, and it
 * is useless without the code, which only the user's browser receives.
 */
export interface PendingAuthorizationFields {
  /** High-entropy and single-use; the callback must carry it back. */
  readonly state: string;
  /** PKCE S256: the token endpoint checks it against the challenge sent. */
  readonly codeVerifier: string;
  readonly nonce: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly createdAt: string;
  readonly expiresAt: string;
}

export interface PendingAuthorization extends PendingAuthorizationFields, RedactedForms {}

export function sealPendingAuthorization(fields: PendingAuthorizationFields): PendingAuthorization {
  return sealSecrets('PendingAuthorization', { ...fields, scopes: [...fields.scopes] }, [
    'codeVerifier',
  ]);
}

/** Plain fields to persist; `restorePendingAuthorization` reads them back. */
export function pendingAuthorizationFields(
  pending: PendingAuthorizationFields,
): PendingAuthorizationFields {
  const { state, codeVerifier, nonce, redirectUri, scopes, createdAt, expiresAt } = pending;
  return { state, codeVerifier, nonce, redirectUri, scopes: [...scopes], createdAt, expiresAt };
}

/** Checks persisted fields; a bad one is a `TypeError` naming the field, not its value. */
export function restorePendingAuthorization(value: unknown): PendingAuthorization {
  if (typeof value !== 'object' || value === null) {
    throw new TypeError('a pending authorization must be an object');
  }
  const record = value as Record<string, unknown>;
  const text = (field: keyof PendingAuthorizationFields): string => {
    const item = record[field];
    if (typeof item !== 'string' || item === '') {
      throw new TypeError(`PendingAuthorization.${field} must be a non-empty string`);
    }
    return item;
  };
  const instant = (field: 'createdAt' | 'expiresAt'): string => {
    const normalised = normaliseIsoInstant(text(field));
    if (normalised === undefined) {
      throw new TypeError(`PendingAuthorization.${field} must be an ISO 8601 date-time`);
    }
    return normalised;
  };
  const scopes = record['scopes'];
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) {
    throw new TypeError('PendingAuthorization.scopes must be an array of strings');
  }

  return sealPendingAuthorization({
    state: text('state'),
    codeVerifier: text('codeVerifier'),
    nonce: text('nonce'),
    redirectUri: text('redirectUri'),
    scopes,
    createdAt: instant('createdAt'),
    expiresAt: instant('expiresAt'),
  });
}
