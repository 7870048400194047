import type { DurationLike } from 'luxon';

import type { Clock, Scheduler } from '../shared/clock.js';
import { systemClock, systemScheduler } from '../shared/clock.js';
import { durationOptionMs as durationMs } from '../shared/duration.js';
import { ConfigurationError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { silentLogger } from '../shared/logger.js';
import { isLoopbackUrl, isSecureUrl } from '../shared/loopback.js';
import { buildUserAgent } from '../shared/user-agent.js';
import { DEFAULT_SCOPES } from './scopes.js';
import type { TokenStore } from './token-store.js';

/** Tibber's identity server; its discovery document is at the usual well-known path. */
export const TIBBER_ISSUER = 'https://thewall.tibber.com';

/** Endpoints given outright, for a server without a discovery document. */
export interface ExplicitEndpoints {
  readonly authorization: string;
  readonly token: string;
  readonly userinfo?: string;
}

export interface OAuthSessionManagerOptions {
  /** From the client registered at Tibber's developer site. */
  readonly clientId: string;
  /** Required: Tibber supports no public clients, not even with PKCE. */
  readonly clientSecret: string;
  /** Exactly as registered; `http://localhost…` is accepted for development. */
  readonly redirectUri: string;
  readonly store: TokenStore;
  /** Your app and version, e.g. `MyHub/1.4.0`; sent on every request with ours. */
  readonly userAgent: string;
  /** Default Tibber's. Its endpoints are discovered unless `endpoints` names them. */
  readonly issuer?: string;
  readonly endpoints?: ExplicitEndpoints;
  /** Default `DEFAULT_SCOPES`: identity, refresh, homes and every device category. */
  readonly scopes?: readonly string[];
  /** Refresh this long before the access token expires. Default 2 minutes. */
  readonly refreshAhead?: DurationLike;
  /** How long a started sign-in may take before its callback is refused. Default 10 min. */
  readonly signInTimeout?: DurationLike;
  /** For each token-endpoint exchange, headers to last byte. Default 30 seconds. */
  readonly requestTimeout?: DurationLike;
  /**
   * How far an ID token's times may be off our clock. Default 10 minutes: hubs often have
   * poor clocks, and the token comes straight from the token endpoint over TLS.
   */
  readonly clockTolerance?: DurationLike;
  readonly clock?: Clock;
  readonly scheduler?: Scheduler;
  readonly logger?: Logger;
}

/** Options resolved, checked, and in internal units. */
export interface AuthSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly store: TokenStore;
  readonly userAgent: string;
  readonly issuer: URL;
  readonly endpoints: ExplicitEndpoints | undefined;
  readonly scopes: readonly string[];
  readonly refreshAheadMs: number;
  readonly signInTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly clockToleranceMs: number;
  /** True when every URL is on loopback and may therefore be plain http. */
  readonly isLoopback: boolean;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
}

export function resolveAuthSettings(options: OAuthSessionManagerOptions): AuthSettings {
  const clientId = requireText(options.clientId, 'clientId');
  const clientSecret = requireText(options.clientSecret, 'clientSecret');
  const redirectUri = requireText(options.redirectUri, 'redirectUri');
  requireUrl(redirectUri, 'redirectUri');
  const issuer = requireUrl(options.issuer ?? TIBBER_ISSUER, 'issuer');
  // The secret and the tokens travel to these; the redirect URI only ever receives a code.
  const serverUrls = [issuer, ...endpointUrls(options.endpoints)];
  for (const url of serverUrls) requireSecure(url);

  const scopes = [...new Set(options.scopes ?? DEFAULT_SCOPES)];
  if (!scopes.includes('offline_access')) {
    throw new ConfigurationError('scopes must include offline_access, or no refresh token comes');
  }

  return {
    clientId,
    clientSecret,
    redirectUri,
    store: options.store,
    userAgent: buildUserAgent(options.userAgent),
    issuer,
    endpoints: options.endpoints,
    scopes,
    refreshAheadMs: durationMs(options.refreshAhead, { minutes: 2 }, 'refreshAhead'),
    signInTimeoutMs: durationMs(options.signInTimeout, { minutes: 10 }, 'signInTimeout'),
    requestTimeoutMs: durationMs(options.requestTimeout, { seconds: 30 }, 'requestTimeout'),
    clockToleranceMs: durationMs(options.clockTolerance, { minutes: 10 }, 'clockTolerance'),
    isLoopback: serverUrls.every(isLoopbackUrl),
    clock: options.clock ?? systemClock,
    scheduler: options.scheduler ?? systemScheduler,
    logger: options.logger ?? silentLogger,
  };
}

function requireText(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`${name} must be a non-empty string`);
  }
  return value;
}

function endpointUrls(endpoints: ExplicitEndpoints | undefined): URL[] {
  if (endpoints === undefined) return [];
  const { authorization, token, userinfo } = endpoints;
  return [
    requireUrl(authorization, 'endpoints.authorization'),
    requireUrl(token, 'endpoints.token'),
    ...(userinfo === undefined ? [] : [requireUrl(userinfo, 'endpoints.userinfo')]),
  ];
}

function requireUrl(value: string, name: string): URL {
  if (!URL.canParse(value)) throw new TypeError(`${name} must be an absolute URL`);
  return new URL(value);
}

function requireSecure(url: URL): void {
  if (isSecureUrl(url)) return;
  throw new ConfigurationError(
    `${url.origin} is not https: tokens and the client secret go only to https, or to plain ` +
      'http on loopback for tests',
  );
}
