import type { DurationLike } from 'luxon';

import type { Clock, Scheduler } from '../shared/clock.js';
import { systemClock, systemScheduler } from '../shared/clock.js';
import { durationOptionMs as durationMs } from '../shared/duration.js';
import { ConfigurationError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { silentLogger } from '../shared/logger.js';
import { isSecureUrl } from '../shared/loopback.js';
import { buildUserAgent } from '../shared/user-agent.js';
import type { MappingContextOptions } from '../models/index.js';
import type { AccessTokenProvider } from './access-token-provider.js';

export const TIBBER_DATA_API = 'https://data-api.tibber.com';
export const TIBBER_USERINFO = 'https://thewall.tibber.com/connect/userinfo';

export interface TibberDataClientOptions {
  /** An `OAuthSessionManager`, or anything else that hands out tokens. */
  readonly auth: AccessTokenProvider;
  /** Your app and version, e.g. `MyHub/1.4.0`: Tibber asks every client to name itself. */
  readonly userAgent: string;
  /** Default Tibber's Data API. Plain http only on loopback. */
  readonly baseUrl?: string;
  /** Default Tibber's OIDC userinfo endpoint. */
  readonly userInfoUrl?: string;
  /** Per attempt, headers to last byte. Default 15 seconds. */
  readonly attemptTimeout?: DurationLike;
  /** For a whole call, retries and waits included. Default 30 seconds. */
  readonly callBudget?: DurationLike;
  /** The longest `Retry-After` taken at its word. Default 1 hour. */
  readonly maxRetryAfter?: DurationLike;
  /** Device details in flight at once, at most. Default 4; fewer after a 429. */
  readonly maxConcurrentDetails?: number;
  /** How much history one call pages through at most. Default 100 pages. */
  readonly maxHistoryPages?: number;
  /** Passed to the domain mapping: default zone, stale-after limit, clock skew allowed. */
  readonly mapping?: MappingContextOptions;
  readonly clock?: Clock;
  readonly scheduler?: Scheduler;
  /** Jitter source in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
  readonly logger?: Logger;
}

export interface ClientSettings {
  readonly auth: AccessTokenProvider;
  readonly userAgent: string;
  readonly baseUrl: URL;
  readonly userInfoUrl: URL;
  readonly attemptTimeoutMs: number;
  readonly callBudgetMs: number;
  readonly maxRetryAfterMs: number;
  readonly maxConcurrentDetails: number;
  readonly maxHistoryPages: number;
  readonly mapping: MappingContextOptions;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly random: () => number;
  readonly logger: Logger;
}

export function resolveClientSettings(options: TibberDataClientOptions): ClientSettings {
  if (typeof options.auth !== 'object') {
    throw new TypeError('auth must be an access token provider, e.g. an OAuthSessionManager');
  }
  return {
    auth: options.auth,
    userAgent: buildUserAgent(options.userAgent),
    baseUrl: secureUrl(options.baseUrl ?? TIBBER_DATA_API, 'baseUrl'),
    userInfoUrl: secureUrl(options.userInfoUrl ?? TIBBER_USERINFO, 'userInfoUrl'),
    attemptTimeoutMs: durationMs(options.attemptTimeout, { seconds: 15 }, 'attemptTimeout', 1),
    callBudgetMs: durationMs(options.callBudget, { seconds: 30 }, 'callBudget', 1),
    maxRetryAfterMs: durationMs(options.maxRetryAfter, { hours: 1 }, 'maxRetryAfter', 1),
    maxConcurrentDetails: count(options.maxConcurrentDetails ?? 4, 'maxConcurrentDetails'),
    maxHistoryPages: count(options.maxHistoryPages ?? 100, 'maxHistoryPages'),
    mapping: options.mapping ?? {},
    clock: options.clock ?? systemClock,
    scheduler: options.scheduler ?? systemScheduler,
    random: options.random ?? Math.random,
    logger: options.logger ?? silentLogger,
  };
}

function secureUrl(value: string, name: string): URL {
  if (!URL.canParse(value)) throw new TypeError(`${name} must be an absolute URL`);
  const url = new URL(value);
  if (isSecureUrl(url)) return url;
  throw new ConfigurationError(
    `${name} ${url.origin} is not https: bearer tokens go only to https, or to plain http on ` +
      'loopback for tests',
  );
}

function count(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(`${name} must be a positive integer`);
  }
  return value;
}
