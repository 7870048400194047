/**
 * The error hierarchy of architecture.md. The class says what follows; `code` is a stable
 * string a caller may switch on. Messages never carry a token, secret or authorization
 * header; raw responses are attached non-enumerably so that serialising an error never
 * dumps one.
 */

export type TibberDataErrorCode =
  | 'reauthorization_required'
  | 'configuration'
  | 'rate_limited'
  | 'network'
  | 'timeout'
  | 'server'
  | 'not_found'
  | 'response_validation'
  | 'data_validation'
  | 'authorization_callback'
  | 'token_store'
  | 'not_ready';

export interface TibberDataErrorOptions {
  readonly cause?: unknown;
}

export abstract class TibberDataError extends Error {
  abstract readonly code: TibberDataErrorCode;

  constructor(message: string, options: TibberDataErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = new.target.name;
  }

  /** Attaches a raw value (a response, a payload) without making it enumerable. */
  protected attachHidden(key: string, value: unknown): void {
    Object.defineProperty(this, key, { value, enumerable: false, writable: false });
  }
}

export function isTibberDataError(value: unknown): value is TibberDataError {
  return value instanceof TibberDataError;
}

/** The user must sign in again: `invalid_grant`, or a 401 that survived one refresh. */
export class ReauthorizationRequiredError extends TibberDataError {
  readonly code = 'reauthorization_required';
}

/** The operator must fix something: client credentials, redirect URI, scopes, User-Agent. */
export class ConfigurationError extends TibberDataError {
  readonly code = 'configuration';
}

/** Tibber asked us to wait; `retryAt` is when (epoch milliseconds). */
export class RateLimitedError extends TibberDataError {
  readonly code = 'rate_limited';
  readonly retryAtMs: number;

  constructor(message: string, retryAtMs: number, options: TibberDataErrorOptions = {}) {
    super(message, options);
    this.retryAtMs = retryAtMs;
  }
}

/** No answer at all: refused, reset, DNS. Transient. */
export class NetworkError extends TibberDataError {
  readonly code = 'network';
}

/** An answer did not arrive in time. Transient. */
export class TimeoutError extends TibberDataError {
  readonly code = 'timeout';
}

/** A 5xx, or a body that is not what any endpoint sends (HTML from a proxy). Transient. */
export class ServerError extends TibberDataError {
  readonly code = 'server';
  readonly status: number | undefined;

  constructor(message: string, status: number | undefined, options: TibberDataErrorOptions = {}) {
    super(message, options);
    this.status = status;
  }
}

/** A 404: the item is absent. */
export class NotFoundError extends TibberDataError {
  readonly code = 'not_found';
}

/** One problem zod found, as data. */
export interface ValidationIssue {
  /** Where, from the root of the payload that was checked. */
  readonly path: readonly (string | number)[];
  /** The rule that was broken, e.g. `invalid_type` or `home_id_uuid`. */
  readonly rule: string;
  readonly message: string;
}

/** A payload the wire schema rejects. */
export class ResponseValidationError extends TibberDataError {
  readonly code = 'response_validation';
  readonly issues: readonly ValidationIssue[];

  constructor(
    message: string,
    issues: readonly ValidationIssue[],
    options: TibberDataErrorOptions = {},
  ) {
    super(message, options);
    this.issues = issues;
  }
}

/** A domain rule of the original design broken by one item. */
export class DataValidationError extends TibberDataError {
  readonly code = 'data_validation';
  /** What the item is, e.g. `device`, `capability`. */
  readonly itemKind: string;
  /** Its id as the wire gave it (ids are not secrets; VINs are never used as item ids). */
  readonly itemId: string;
  readonly rule: string;

  constructor(itemKind: string, itemId: string, rule: string, detail: string) {
    super(`${itemKind} ${JSON.stringify(itemId)} breaks rule ${rule}: ${detail}`);
    this.itemKind = itemKind;
    this.itemId = itemId;
    this.rule = rule;
  }
}

/** Why a sign-in callback was refused. */
export type AuthorizationCallbackReason =
  /** The callback carries no `state`. */
  | 'state_missing'
  /** Its `state` is not the one this sign-in was started with. */
  | 'state_mismatch'
  /** This sign-in was completed already: `state` is single-use. */
  | 'state_replayed'
  /** The sign-in was started too long ago. */
  | 'state_expired'
  /** The callback went to another redirect URI than the sign-in was started for. */
  | 'redirect_mismatch'
  /** The identity server answered with an error (`access_denied` when the user declined). */
  | 'authorization_denied'
  /** The callback carries no `code`. */
  | 'code_missing'
  /** The token endpoint refused the code (reused, expired, or a wrong PKCE verifier). */
  | 'code_rejected';

/** A sign-in callback that must not be accepted; the user starts the sign-in again. */
export class AuthorizationCallbackError extends TibberDataError {
  readonly code = 'authorization_callback';
  readonly reason: AuthorizationCallbackReason;

  constructor(
    message: string,
    reason: AuthorizationCallbackReason,
    options: TibberDataErrorOptions = {},
  ) {
    super(message, options);
    this.reason = reason;
  }
}

/** Why a token store failed. */
export type TokenStoreFailure =
  /** The stored tokens were written with a key that is not configured. */
  | 'key_unknown'
  /** The key id matches but the data does not decrypt: a wrong key or tampered bytes. */
  | 'decryption_failed'
  /** The file is not a token store envelope this version understands. */
  | 'corrupt'
  /** Reading, writing or locking failed at the file system. */
  | 'io'
  /** Another holder kept the store's lock too long. */
  | 'lock_timeout';

/** The token store could not be read or written; what it holds is still whole, old or new. */
export class TokenStoreError extends TibberDataError {
  readonly code = 'token_store';
  readonly failure: TokenStoreFailure;

  constructor(message: string, failure: TokenStoreFailure, options: TibberDataErrorOptions = {}) {
    super(message, options);
    this.failure = failure;
  }
}

/** The coordinator's first refresh failed for a reason other than authentication. */
export class NotReadyError extends TibberDataError {
  readonly code = 'not_ready';
}
