import * as oidc from 'openid-client';

import type { OAuthSession } from '../models/index.js';
import { createOAuthSession, fingerprint, oauthSessionFields, toUtcIso } from '../models/index.js';
import {
  ConfigurationError,
  RateLimitedError,
  ReauthorizationRequiredError,
  TibberDataError,
} from '../shared/errors.js';
import type { AuthSettings } from './auth-settings.js';
import { classifyEndpointFailure } from './classify-endpoint-failure.js';
import type { OidcConnection } from './oidc-connection.js';
import type { ReauthReason } from './session-events.js';

export interface RefresherEvents {
  reauthRequired(reason: ReauthReason, error: ReauthorizationRequiredError): void;
  signedIn(session: OAuthSession): void;
}

interface RefreshFailure {
  readonly error: Error;
  /** No refresh is tried before this; callers get the old token or this error. */
  readonly retryAtMs: number;
  /** Failures in a row. */
  readonly count: number;
}

/** After a transient failure, the next refresh waits 1 s, then 2, 4, … up to 5 minutes. */
const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 5 * 60_000;

/** Access tokens handed out by forced refreshes, remembered to spot a second 401. */
const FORCED_TOKENS_KEPT = 8;

/**
 * The token half of the session manager: which session is current, when to refresh, one
 * refresh at a time, and what a failure means. Every refresh runs inside the store's
 * `exclusive` and re-reads the store first, so that a refresh another holder made is used
 * rather than repeated with a spent refresh token.
 */
export class TokenRefresher {
  readonly #settings: AuthSettings;
  readonly #connection: OidcConnection;
  readonly #events: RefresherEvents;

  #loading: Promise<void> | undefined;
  /** The newest session that is durable in the store. */
  #session: OAuthSession | undefined;
  /** Newer tokens whose save failed: used for nothing until saved. */
  #unsaved: OAuthSession | undefined;
  /** Latched: no token request until new tokens arrive. */
  #reauth: ReauthorizationRequiredError | undefined;
  #refreshing: Promise<OAuthSession> | undefined;
  #failure: RefreshFailure | undefined;
  readonly #forcedTokens: string[] = [];

  constructor(settings: AuthSettings, connection: OidcConnection, events: RefresherEvents) {
    this.#settings = settings;
    this.#connection = connection;
    this.#events = events;
  }

  async current(): Promise<OAuthSession | undefined> {
    await this.#load();
    return this.#session;
  }

  async accessToken(signal: AbortSignal | undefined): Promise<string> {
    signal?.throwIfAborted();
    const session = await this.#usableSession();
    if (!this.#isDue(session)) return session.accessToken;
    return (await this.#refresh(session, undefined, signal)).accessToken;
  }

  async afterUnauthorized(rejected: string, signal: AbortSignal | undefined): Promise<string> {
    signal?.throwIfAborted();
    const session = await this.#usableSession();
    if (this.#forcedTokens.includes(fingerprint(rejected))) {
      throw this.#latch('unauthorized_after_refresh', new ReauthorizationRequiredError(
        'a data endpoint refused an access token fresh from a refresh: sign in again',
      ));
    }
    if (session.accessToken !== rejected && !this.#isDue(session)) return session.accessToken;

    const refreshed = await this.#refresh(session, rejected, signal);
    this.#forcedTokens.push(fingerprint(refreshed.accessToken));
    if (this.#forcedTokens.length > FORCED_TOKENS_KEPT) this.#forcedTokens.shift();
    return refreshed.accessToken;
  }

  /** A new session (a completed sign-in) becomes current once it is durable. */
  async adopt(session: OAuthSession): Promise<void> {
    const { store } = this.#settings;
    await store.exclusive(() => store.save(session));
    this.#becomeCurrent(session);
  }

  async signOut(): Promise<void> {
    const { store } = this.#settings;
    await store.exclusive(() => store.clear());
    this.#session = undefined;
    this.#unsaved = undefined;
    this.#loading = Promise.resolve();
    this.#reauth = new ReauthorizationRequiredError('signed out: sign in again');
  }

  /** The current session, or why there is none; a latched state first re-reads the store. */
  async #usableSession(): Promise<OAuthSession> {
    await this.#load();
    if (this.#reauth !== undefined) await this.#recoverFromStore();
    if (this.#reauth !== undefined) throw this.#reauth;

    if (this.#session === undefined) {
      throw this.#latch('not_signed_in', new ReauthorizationRequiredError(
        'no session in the token store: sign in first',
      ));
    }
    return this.#session;
  }

  #load(): Promise<void> {
    this.#loading ??= this.#settings.store.load().then(
      (stored) => {
        // A sign-in completed while the store was being read is newer than what it read.
        this.#session ??= stored;
      },
      (error: unknown) => {
        // A store that cannot be read now may be readable later: do not remember the failure.
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }

  /** Another holder of the store may have signed in since: its tokens end the latch. */
  async #recoverFromStore(): Promise<void> {
    const stored = await this.#settings.store.load();
    if (stored === undefined) return;
    if (this.#session !== undefined && stored.refreshToken === this.#session.refreshToken) return;
    this.#becomeCurrent(stored);
  }

  #becomeCurrent(session: OAuthSession): void {
    this.#session = session;
    this.#unsaved = undefined;
    this.#reauth = undefined;
    this.#failure = undefined;
    this.#forcedTokens.length = 0;
    this.#loading ??= Promise.resolve();
    this.#events.signedIn(session);
  }

  #isDue(session: OAuthSession): boolean {
    const { clock, refreshAheadMs } = this.#settings;
    return clock.now() >= Date.parse(session.expiresAt) - refreshAheadMs;
  }

  #isUnexpired(session: OAuthSession): boolean {
    return this.#settings.clock.now() < Date.parse(session.expiresAt);
  }

  /**
   * Awaits the one refresh in flight, starting it if none is. A caller's abort ends only
   * its own wait. A transient failure while the old token still works hands out the old
   * token: a refresh ahead of expiry that fails costs nothing yet.
   */
  async #refresh(
    session: OAuthSession,
    rejected: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<OAuthSession> {
    const failure = this.#failure;
    if (failure !== undefined && this.#settings.clock.now() < failure.retryAtMs) {
      if (rejected === undefined && this.#isUnexpired(session)) return session;
      throw failure.error;
    }

    if (this.#refreshing === undefined) {
      const refreshing = this.#runRefresh(rejected).finally(() => {
        this.#refreshing = undefined;
      });
      // Every caller may have stopped waiting; the outcome is still recorded, never unhandled.
      refreshing.catch(() => undefined);
      this.#refreshing = refreshing;
    }

    try {
      return await abortable(this.#refreshing, signal);
    } catch (error) {
      const current = this.#session;
      const isTransient = !(error instanceof ReauthorizationRequiredError) &&
        !(error instanceof ConfigurationError) && !isAbort(error, signal);
      if (isTransient && rejected === undefined && current !== undefined &&
        this.#isUnexpired(current)) {
        return current;
      }
      throw error;
    }
  }

  async #runRefresh(rejected: string | undefined): Promise<OAuthSession> {
    const { store, logger } = this.#settings;
    try {
      const session = await store.exclusive(() => this.#refreshInsideLock(rejected));
      if (this.#failure !== undefined) logger.info('token refresh recovered');
      this.#failure = undefined;
      return session;
    } catch (error) {
      throw this.#recordFailure(error);
    }
  }

  async #refreshInsideLock(rejected: string | undefined): Promise<OAuthSession> {
    const { store, logger } = this.#settings;
    const unsaved = this.#unsaved;
    if (unsaved !== undefined) {
      await store.save(unsaved);
      this.#session = unsaved;
      this.#unsaved = undefined;
      logger.info('saved the tokens of an earlier refresh');
      if (unsaved.accessToken !== rejected && !this.#isDue(unsaved)) return unsaved;
    }

    const stored = await store.load();
    if (stored === undefined) {
      this.#session = undefined;
      throw new ReauthorizationRequiredError('the token store was cleared: sign in again');
    }
    const known = this.#session;
    const isNewer = stored.refreshToken !== known?.refreshToken ||
      stored.accessToken !== known.accessToken;
    this.#session = stored;
    if (isNewer && stored.accessToken !== rejected && !this.#isDue(stored)) {
      logger.debug(() => 'using the tokens another holder of the store refreshed');
      return stored;
    }

    const next = await this.#exchange(stored);
    this.#unsaved = next;
    await store.save(next);
    this.#unsaved = undefined;
    this.#session = next;
    logger.debug(() =>
      `refreshed: access token ${fingerprint(next.accessToken)}, refresh token ` +
      `${fingerprint(stored.refreshToken)} → ${fingerprint(next.refreshToken)}`,
    );
    return next;
  }

  async #exchange(stored: OAuthSession): Promise<OAuthSession> {
    const config = await this.#connection.configuration();
    const tokens = await oidc.refreshTokenGrant(config, stored.refreshToken).catch(
      (error: unknown) => {
        throw classifyEndpointFailure(error, 'refresh', this.#settings.clock.now());
      },
    );

    const receivedMs = this.#settings.clock.now();
    return createOAuthSession({
      ...oauthSessionFields(stored),
      accessToken: tokens.access_token,
      // Tibber may or may not rotate: without a new refresh token the old one stays valid.
      refreshToken: tokens.refresh_token ?? stored.refreshToken,
      expiresAt: toUtcIso(receivedMs + (tokens.expires_in ?? 3_600) * 1_000),
      ...(tokens.scope === undefined ? {} : { scopes: tokens.scope.split(' ').filter(Boolean) }),
      lastRefreshed: toUtcIso(receivedMs),
    });
  }

  /** What a failed refresh leaves behind: a latch, a rate-limit wait, or a backoff. */
  #recordFailure(error: unknown): Error {
    const { clock, logger } = this.#settings;
    if (error instanceof ReauthorizationRequiredError) {
      return this.#latch('refresh_refused', error);
    }

    const nowMs = clock.now();
    const count = (this.#failure?.count ?? 0) + 1;
    const failure = error instanceof Error ? error : new Error(String(error));
    const retryAtMs = failure instanceof RateLimitedError
      ? failure.retryAtMs
      : nowMs + Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (count - 1));
    if (this.#failure === undefined) {
      logger.warn('token refresh failed; keeping the current tokens', {
        error: failure instanceof TibberDataError ? failure.code : failure.name,
        retryInMs: retryAtMs - nowMs,
      });
    }
    this.#failure = { error: failure, retryAtMs, count };
    return failure;
  }

  /** Latches "sign in again", telling the listeners once. */
  #latch(reason: ReauthReason, error: ReauthorizationRequiredError): ReauthorizationRequiredError {
    if (this.#reauth !== undefined) return this.#reauth;
    this.#reauth = error;
    this.#failure = undefined;
    this.#settings.logger.warn('reauthorization required', { reason });
    this.#events.reauthRequired(reason, error);
    return error;
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => {
      signal.removeEventListener('abort', onAbort);
    });
  });
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true && error === signal.reason;
}
