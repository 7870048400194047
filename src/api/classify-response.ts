import {
  ConfigurationError,
  NotFoundError,
  RateLimitedError,
  ResponseValidationError,
  ServerError,
} from '../shared/errors.js';
import type { TibberDataError } from '../shared/errors.js';
import { parseRetryAfter } from '../shared/retry-after.js';
import type { RawResponse } from './http-attempt.js';
import { RETRYABLE_STATUSES, RETRY_POLICY } from './retry-policy.js';

export type Outcome =
  | { readonly kind: 'ok'; readonly body: unknown; readonly etag: string | undefined }
  | { readonly kind: 'notModified' }
  | { readonly kind: 'unauthorized' }
  /** Worth another attempt; `retryAtMs` when the server said when. */
  | {
      readonly kind: 'retryable';
      readonly error: TibberDataError;
      readonly retryAtMs: number | undefined;
    }
  | { readonly kind: 'final'; readonly error: TibberDataError };

/**
 * What an answer means, by status alone: the body is only read for a success, and for a
 * short reason to put in an error's message.
 */
export function classifyResponse(
  response: RawResponse,
  what: string,
  nowMs: number,
  maxRetryAfterMs: number,
): Outcome {
  const { status } = response;
  if (status >= 200 && status < 300) return success(response, what);
  if (status === 304) return { kind: 'notModified' };
  if (status === 401) return { kind: 'unauthorized' };

  const answered = `${what} answered ${status}${reasonOf(response)}`;
  if (status === 429) {
    const said = parseRetryAfter(response.headers['retry-after'], nowMs);
    const retryAtMs = said === undefined ? undefined : Math.min(said, nowMs + maxRetryAfterMs);
    const deferUntilMs = retryAtMs ?? nowMs + RETRY_POLICY.rateLimitDeferMs;
    return { kind: 'retryable', error: new RateLimitedError(answered, deferUntilMs), retryAtMs };
  }
  if (RETRYABLE_STATUSES.has(status)) {
    return { kind: 'retryable', error: new ServerError(answered, status), retryAtMs: undefined };
  }
  if (status === 404) return { kind: 'final', error: new NotFoundError(answered) };
  if (status === 400 || status === 403) {
    return { kind: 'final', error: new ConfigurationError(answered) };
  }
  return { kind: 'final', error: new ServerError(answered, status) };
}

function success(response: RawResponse, what: string): Outcome {
  try {
    const body: unknown = JSON.parse(response.body);
    return { kind: 'ok', body, etag: response.headers['etag'] };
  } catch {
    const type = response.headers['content-type'] ?? 'no content type';
    const message = `${what} answered ${response.status} with a body that is not JSON (${type})`;
    const issues = [{ path: [], rule: 'json', message: 'the body is not JSON' }];
    return { kind: 'final', error: new ResponseValidationError(message, issues) };
  }
}

/** `: <reason>` from a problem+json or OAuth-style body; nothing from HTML or plain text. */
function reasonOf(response: RawResponse): string {
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return '';
  }
  if (typeof body !== 'object' || body === null) return '';
  const record = body as Record<string, unknown>;
  for (const field of ['detail', 'error_description', 'error', 'title']) {
    const text = record[field];
    if (typeof text === 'string' && text.trim() !== '') {
      return `: ${text.replace(/\s+/g, ' ').trim().slice(0, 160)}`;
    }
  }
  return '';
}
