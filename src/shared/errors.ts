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
  | 'data_validation';

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
