import type { OAuthSession } from '../models/index.js';
import type { ReauthorizationRequiredError } from '../shared/errors.js';

/** Why the user must sign in again. */
export type ReauthReason =
  /** The store holds no session: nobody has signed in yet, or the session was cleared. */
  | 'not_signed_in'
  /** The identity server refused the refresh token (`invalid_grant`, expired, revoked). */
  | 'refresh_refused'
  /** A data endpoint answered 401 to an access token fresh from a forced refresh. */
  | 'unauthorized_after_refresh';

export interface ReauthRequiredEvent {
  readonly reason: ReauthReason;
  readonly error: ReauthorizationRequiredError;
}

export interface SignedInEvent {
  readonly session: OAuthSession;
}

export interface SessionEvents {
  /** Told once per loss: no token request is made until new tokens arrive. */
  reauthRequired: ReauthRequiredEvent;
  /** New tokens arrived: a completed sign-in, or one another holder of the store saved. */
  signedIn: SignedInEvent;
}
