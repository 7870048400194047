import { AuthorizationCallbackError } from '../shared/errors.js';
import type { PendingAuthorizationFields } from './pending-authorization.js';

/**
 * The checks a callback passes before its code is sent anywhere: the right redirect URI, no
 * error from the identity server, the right `state` (not yet used, not expired) and a code.
 * Each failure has its own reason, so that a hub can say what went wrong.
 */
export function checkCallback(
  callback: URL,
  pending: PendingAuthorizationFields,
  nowMs: number,
  isUsed: (state: string) => boolean,
): void {
  const expected = new URL(pending.redirectUri);
  if (callback.origin !== expected.origin || callback.pathname !== expected.pathname) {
    throw new AuthorizationCallbackError(
      `the callback came to ${callback.origin}${callback.pathname}, not to the redirect URI ` +
        'this sign-in was started with',
      'redirect_mismatch',
    );
  }

  const params = callback.searchParams;
  const error = params.get('error');
  if (error !== null) {
    const code = /^[\w.-]{1,64}$/.test(error) ? error : 'an unreadable error';
    throw new AuthorizationCallbackError(
      `the identity server refused the sign-in: ${code}`,
      'authorization_denied',
    );
  }

  const state = params.get('state');
  if (state === null || state === '') {
    throw new AuthorizationCallbackError('the callback has no state', 'state_missing');
  }
  if (state !== pending.state) {
    throw new AuthorizationCallbackError(
      'the callback state is not the one this sign-in was started with',
      'state_mismatch',
    );
  }
  if (isUsed(state)) {
    throw new AuthorizationCallbackError('this sign-in was completed already', 'state_replayed');
  }
  if (nowMs > Date.parse(pending.expiresAt)) {
    throw new AuthorizationCallbackError(
      `this sign-in expired at ${pending.expiresAt}; start it again`,
      'state_expired',
    );
  }
  if ((params.get('code') ?? '') === '') {
    throw new AuthorizationCallbackError('the callback has no code', 'code_missing');
  }
}
