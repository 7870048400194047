import { ReauthorizationRequiredError } from '../shared/errors.js';

export interface TokenRequestOptions {
  readonly signal?: AbortSignal;
}

/**
 * Where the client gets its bearer token. `OAuthSessionManager` is one; so is any object a
 * hub writes with these two methods.
 */
export interface AccessTokenProvider {
  /** A token valid now. */
  getAccessToken(options?: TokenRequestOptions): Promise<string>;
  /**
   * A data endpoint answered 401 to `rejectedAccessToken`: a new token, or a
   * `ReauthorizationRequiredError` when there can be none.
   */
  refreshAfterUnauthorized(
    rejectedAccessToken: string,
    options?: TokenRequestOptions,
  ): Promise<string>;
}

/** A fixed token, for scripts and tests: a 401 means the user must sign in again. */
export function staticAccessToken(accessToken: string): AccessTokenProvider {
  if (accessToken.trim() === '') throw new TypeError('accessToken must be a non-empty string');
  return {
    getAccessToken: () => Promise.resolve(accessToken),
    refreshAfterUnauthorized: () =>
      Promise.reject(new ReauthorizationRequiredError('the static access token was refused')),
  };
}
