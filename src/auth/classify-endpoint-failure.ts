import * as oidc from 'openid-client';

import {
  AuthorizationCallbackError,
  ConfigurationError,
  RateLimitedError,
  ReauthorizationRequiredError,
  ServerError,
  TibberDataError,
} from '../shared/errors.js';
import { parseRetryAfter } from '../shared/retry-after.js';

/** Which exchange failed: the same answer means different things to each. */
export type Exchange = 'discovery' | 'code' | 'refresh' | 'userinfo';

const ENDPOINT_NAMES: Readonly<Record<Exchange, string>> = {
  discovery: 'the discovery document',
  code: 'the token endpoint (code exchange)',
  refresh: 'the token endpoint (refresh)',
  userinfo: 'the userinfo endpoint',
};

/** Without a `Retry-After`, a 429 from the identity server defers by this much. */
export const DEFAULT_RATE_LIMIT_DELAY_MS = 30_000;

/** A status and an OAuth error code, as far as the answer had them. */
interface Answer {
  readonly status: number;
  readonly oauthError: string | undefined;
  readonly retryAfter: string | null;
}

/**
 * An openid-client failure as our error hierarchy, decided by status, OAuth error code and
 * class, never by message text. Rules, in order: our own network and time-out errors pass
 * through; 429 is rate limiting; 5xx, and any answer that is not an OAuth error (a proxy's
 * HTML page), is transient; `invalid_client` and `unauthorized_client` are the operator's
 * to fix; any other OAuth error refuses the grant: the user must sign in again.
 */
export function classifyEndpointFailure(error: unknown, exchange: Exchange, nowMs: number): Error {
  const own = findOwnError(error);
  if (own !== undefined) return own;
  if (error instanceof TypeError) return error;

  const answer = answerOf(error);
  if (answer === undefined) {
    return new ServerError(`${ENDPOINT_NAMES[exchange]} gave an answer openid-client refused`
      + ` (${codeOf(error)})`, undefined);
  }
  return classifyAnswer(answer, exchange, nowMs);
}

function classifyAnswer(answer: Answer, exchange: Exchange, nowMs: number): Error {
  const { status, oauthError } = answer;
  const what = `${ENDPOINT_NAMES[exchange]} answered ${status}` +
    (oauthError === undefined ? '' : ` ${oauthError}`);

  if (status === 429) {
    const retryAtMs = parseRetryAfter(answer.retryAfter, nowMs) ??
      nowMs + DEFAULT_RATE_LIMIT_DELAY_MS;
    return new RateLimitedError(`${what}: rate limited`, retryAtMs);
  }
  if (status >= 500 || oauthError === undefined) {
    if (exchange === 'discovery' && status === 404) {
      return new ConfigurationError(`${what}: no discovery document; name the endpoints`);
    }
    return new ServerError(`${what}: transient`, status);
  }
  if (oauthError === 'invalid_client' || oauthError === 'unauthorized_client') {
    return new ConfigurationError(`${what}: check the client id, secret and registration`);
  }
  switch (exchange) {
    case 'code':
      return new AuthorizationCallbackError(`${what}: sign in again`, 'code_rejected');
    case 'refresh':
      return new ReauthorizationRequiredError(`${what}: the user must sign in again`);
    case 'discovery':
    case 'userinfo':
      return new ConfigurationError(what);
  }
}

function findOwnError(error: unknown): TibberDataError | undefined {
  for (let current = error, depth = 0; depth < 5; depth++) {
    if (current instanceof TibberDataError) return current;
    if (!(current instanceof Error)) return undefined;
    current = current.cause;
  }
  return undefined;
}

function answerOf(error: unknown): Answer | undefined {
  if (error instanceof oidc.ResponseBodyError) {
    return answer(error.status, error.error, error.response);
  }
  if (error instanceof oidc.WWWAuthenticateChallengeError) {
    const challenged = error.cause[0]?.parameters.error;
    return answer(error.status, challenged, error.response);
  }
  if (error instanceof oidc.ClientError && error.cause instanceof Response) {
    return answer(error.cause.status, undefined, error.cause);
  }
  return undefined;
}

/** RFC 6749 5.2: printable ASCII without `"` and `\\`. */
const OAUTH_ERROR_CODE = /^[\x20-\x21\x23-\x5b\x5d-\x7e]{1,64}$/;

function answer(status: number, oauthError: string | undefined, response: Response): Answer {
  // An error code is printable ASCII (RFC 6749 5.2); anything else is not worth repeating.
  const readable = oauthError !== undefined && OAUTH_ERROR_CODE.test(oauthError);
  return {
    status,
    oauthError: readable ? oauthError : undefined,
    retryAfter: response.headers.get('retry-after'),
  };
}

function codeOf(error: unknown): string {
  if (error instanceof oidc.ClientError && error.code !== undefined) return error.code;
  return error instanceof Error ? error.name : typeof error;
}
