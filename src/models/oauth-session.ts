import { sealSecrets } from './redaction.js';
import type { RedactedForms } from './redaction.js';
import { normaliseIsoInstant } from './time.js';

/** The data of an OAuth session (original design: OAuthSession). */
export interface OAuthSessionFields {
  readonly sessionId: string;
  /** The OIDC `sub`. */
  readonly userId: string;
  readonly accessToken: string;
  /** Possibly one-time use: the newest one is the only one that counts. */
  readonly refreshToken: string;
  readonly tokenType: string;
  readonly expiresAt: string;
  readonly scopes: readonly string[];
  readonly createdAt: string;
  readonly lastRefreshed: string;
}

/**
 * A sealed session: its string, JSON and `util.inspect` forms show token fingerprints,
 * never tokens; the token store reads the fields directly.
 */
export interface OAuthSession extends OAuthSessionFields, RedactedForms {}

export const OAUTH_SESSION_SECRET_FIELDS = ['accessToken', 'refreshToken'] as const;

/**
 * Validates and seals a session. Bad fields are the caller's bug: a `TypeError` naming the
 * field, never its value. Times are normalised to UTC; scopes are de-duplicated.
 */
export function createOAuthSession(fields: OAuthSessionFields): OAuthSession {
  for (const key of ['sessionId', 'userId', 'accessToken', 'refreshToken', 'tokenType'] as const) {
    requireText(fields[key], key);
  }
  const createdAt = requireInstant(fields.createdAt, 'createdAt');
  const lastRefreshed = requireInstant(fields.lastRefreshed, 'lastRefreshed');
  const expiresAt = requireInstant(fields.expiresAt, 'expiresAt');
  if (Date.parse(lastRefreshed) < Date.parse(createdAt)) {
    throw new TypeError('OAuthSession.lastRefreshed must not be before createdAt');
  }

  const session: OAuthSessionFields = {
    sessionId: fields.sessionId,
    userId: fields.userId,
    accessToken: fields.accessToken,
    refreshToken: fields.refreshToken,
    tokenType: fields.tokenType,
    expiresAt,
    scopes: requireScopes(fields.scopes),
    createdAt,
    lastRefreshed,
  };
  return sealSecrets('OAuthSession', session, OAUTH_SESSION_SECRET_FIELDS);
}

/**
 * The plain fields of a session, unsealed: for a token store that must write the tokens
 * themselves. Everything else should pass the sealed session around.
 */
export function oauthSessionFields(session: OAuthSessionFields): OAuthSessionFields {
  return {
    sessionId: session.sessionId,
    userId: session.userId,
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
    tokenType: session.tokenType,
    expiresAt: session.expiresAt,
    scopes: [...session.scopes],
    createdAt: session.createdAt,
    lastRefreshed: session.lastRefreshed,
  };
}

function requireText(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`OAuthSession.${field} must be a non-empty string`);
  }
}

function requireInstant(value: unknown, field: string): string {
  const normalised = typeof value === 'string' ? normaliseIsoInstant(value) : undefined;
  if (normalised === undefined) {
    throw new TypeError(`OAuthSession.${field} must be an ISO 8601 date-time`);
  }
  return normalised;
}

function requireScopes(value: unknown): string[] {
  const isValid = Array.isArray(value) &&
    value.every((scope) => typeof scope === 'string' && /^\S+$/.test(scope));
  if (!isValid) {
    throw new TypeError('OAuthSession.scopes must be an array of scope names without spaces');
  }
  return [...new Set(value as string[])];
}
