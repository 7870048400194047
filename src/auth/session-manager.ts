import { randomUUID } from 'node:crypto';

import * as oidc from 'openid-client';

import type { OAuthSession } from '../models/index.js';
import { createOAuthSession, fingerprint, toUtcIso } from '../models/index.js';
import { ConfigurationError } from '../shared/errors.js';
import { Listeners } from '../shared/listeners.js';
import type { AuthSettings, OAuthSessionManagerOptions } from './auth-settings.js';
import { resolveAuthSettings } from './auth-settings.js';
import { checkCallback } from './check-callback.js';
import { classifyEndpointFailure } from './classify-endpoint-failure.js';
import { OidcConnection } from './oidc-connection.js';
import type { PendingAuthorization } from './pending-authorization.js';
import { sealPendingAuthorization } from './pending-authorization.js';
import type { ScopeReport } from './scopes.js';
import { checkScopes } from './scopes.js';
import type { SessionEvents } from './session-events.js';
import { TokenRefresher } from './token-refresher.js';

export interface BeginAuthorizationOptions {
  /** Passed on as the `prompt` parameter, e.g. `consent` where a server asks for it. */
  readonly prompt?: string;
}

export interface StartedAuthorization {
  /** Open this in the user's browser. It carries no secret. */
  readonly url: URL;
  /** Keep it (persist it, if a restart may come between) for `completeAuthorization`. */
  readonly pending: PendingAuthorization;
}

export interface AccessTokenOptions {
  /** Stops this caller's wait; never a refresh in flight, which others may be awaiting. */
  readonly signal?: AbortSignal;
}

/** How many used `state`s are remembered at most, to refuse a replayed callback. */
const USED_STATES_KEPT = 100;

/**
 * Signs a user in once and keeps a valid access token at hand: OAuth 2 authorization code
 * with PKCE against Tibber's identity server, on openid-client. Tokens live in the given
 * store and are refreshed ahead of expiry, one refresh at a time, the new ones saved
 * before the new access token is handed out.
 */
export class OAuthSessionManager {
  readonly #settings: AuthSettings;
  readonly #connection: OidcConnection;
  readonly #refresher: TokenRefresher;
  readonly #usedStates = new Map<string, number>();
  readonly #listeners: { [K in keyof SessionEvents]: Listeners<SessionEvents[K]> };

  constructor(options: OAuthSessionManagerOptions) {
    this.#settings = resolveAuthSettings(options);
    this.#connection = new OidcConnection(this.#settings);
    const onListenerError = (error: unknown): void => {
      this.#settings.logger.error('a session event listener failed', {
        error: error instanceof Error ? error.name : typeof error,
      });
    };
    this.#listeners = {
      reauthRequired: new Listeners(onListenerError),
      signedIn: new Listeners(onListenerError),
    };
    this.#refresher = new TokenRefresher(this.#settings, this.#connection, {
      reauthRequired: (reason, error) => {
        this.#listeners.reauthRequired.emit({ reason, error });
      },
      signedIn: (session) => {
        this.#listeners.signedIn.emit({ session });
      },
    });
  }

  /** Subscribes to an event; the returned function unsubscribes. */
  on<K extends keyof SessionEvents>(
    event: K,
    listener: (payload: SessionEvents[K]) => unknown,
  ): () => void {
    return (this.#listeners[event] as Listeners<SessionEvents[K]>).add(listener);
  }

  /** Step one of sign-in: the URL for the user's browser, and what step two checks. */
  async beginAuthorization(options: BeginAuthorizationOptions = {}): Promise<StartedAuthorization> {
    const { scopes, redirectUri, clock, signInTimeoutMs } = this.#settings;
    const config = await this.#connection.configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const nowMs = clock.now();
    const pending = sealPendingAuthorization({
      state: oidc.randomState(),
      codeVerifier,
      nonce: oidc.randomNonce(),
      redirectUri,
      scopes,
      createdAt: toUtcIso(nowMs),
      expiresAt: toUtcIso(nowMs + signInTimeoutMs),
    });

    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: scopes.join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      ...(this.#isOpenId(scopes) ? { nonce: pending.nonce } : {}),
      ...(options.prompt === undefined ? {} : { prompt: options.prompt }),
    });
    return { url, pending };
  }

  /**
   * Step two: checks the callback against the pending sign-in, exchanges the code, reads
   * the user id, and stores the new session. Throws an `AuthorizationCallbackError` whose
   * `reason` says what was wrong with the callback.
   */
  async completeAuthorization(
    callbackUrl: URL | string,
    pending: PendingAuthorization,
  ): Promise<OAuthSession> {
    const callback = new URL(callbackUrl);
    const nowMs = this.#settings.clock.now();
    this.#forgetExpiredStates(nowMs);
    checkCallback(callback, pending, nowMs, (state) => this.#usedStates.has(state));
    // Used from here on, whatever follows: a second try with the same callback is a replay.
    this.#usedStates.set(pending.state, Date.parse(pending.expiresAt));

    const config = await this.#connection.configuration();
    const isOpenId = this.#isOpenId(pending.scopes);
    const tokens = await oidc
      .authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        ...(isOpenId ? { expectedNonce: pending.nonce } : {}),
      })
      .catch((error: unknown) => {
        throw classifyEndpointFailure(error, 'code', this.#settings.clock.now());
      });
    if (tokens.refresh_token === undefined) {
      throw new ConfigurationError(
        'the identity server issued no refresh token: offline_access was not granted',
      );
    }

    const receivedMs = this.#settings.clock.now();
    const session = createOAuthSession({
      sessionId: randomUUID(),
      userId: tokens.claims()?.sub ?? (await this.#userIdFromUserInfo(config, tokens)),
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      tokenType: 'Bearer',
      expiresAt: toUtcIso(receivedMs + (tokens.expires_in ?? 3_600) * 1_000),
      scopes: tokens.scope?.split(' ').filter((scope) => scope !== '') ?? pending.scopes,
      createdAt: toUtcIso(receivedMs),
      lastRefreshed: toUtcIso(receivedMs),
    });
    await this.#refresher.adopt(session);
    this.#settings.logger.info('signed in', {
      session: session.sessionId,
      accessToken: fingerprint(session.accessToken),
    });
    return session;
  }

  /** A valid access token, refreshed first when it is due. */
  getAccessToken(options: AccessTokenOptions = {}): Promise<string> {
    return this.#refresher.accessToken(options.signal);
  }

  /**
   * For a client whose request got 401 with `rejectedAccessToken`: a new token, from one
   * forced refresh. When a token from such a refresh is rejected again, the user must sign
   * in again: this throws a `ReauthorizationRequiredError` and emits `reauthRequired`.
   */
  refreshAfterUnauthorized(
    rejectedAccessToken: string,
    options: AccessTokenOptions = {},
  ): Promise<string> {
    return this.#refresher.afterUnauthorized(rejectedAccessToken, options.signal);
  }

  /** The stored session, loading it if need be; `undefined` when nobody is signed in. */
  session(): Promise<OAuthSession | undefined> {
    return this.#refresher.current();
  }

  /** What the session's granted scopes lack, e.g. to say "no chargers: scope not granted". */
  async scopeReport(): Promise<ScopeReport | undefined> {
    const session = await this.session();
    return session === undefined ? undefined : checkScopes(session.scopes, this.#settings.scopes);
  }

  /** Forgets the session here and in the store. The next token request needs a sign-in. */
  signOut(): Promise<void> {
    return this.#refresher.signOut();
  }

  #isOpenId(scopes: readonly string[]): boolean {
    return scopes.includes('openid');
  }

  async #userIdFromUserInfo(
    config: oidc.Configuration,
    tokens: oidc.TokenEndpointResponse,
  ): Promise<string> {
    try {
      // Without an ID token there is no subject to expect: userinfo is where it comes from.
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- assessed, see above
      const info = await oidc.fetchUserInfo(config, tokens.access_token, oidc.skipSubjectCheck);
      return info.sub;
    } catch (error) {
      throw classifyEndpointFailure(error, 'userinfo', this.#settings.clock.now());
    }
  }

  #forgetExpiredStates(nowMs: number): void {
    for (const [state, expiresAtMs] of this.#usedStates) {
      if (expiresAtMs < nowMs || this.#usedStates.size > USED_STATES_KEPT) {
        this.#usedStates.delete(state);
      }
    }
  }
}
