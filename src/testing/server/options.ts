import type { Clock, Scheduler } from '../../shared/clock.js';
import { systemClock, systemScheduler } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { silentLogger } from '../../shared/logger.js';
import type { ScenarioSource } from '../scenario/source.js';

/** Every scope Tibber grants a Data API client, in the order its consent page lists them. */
export const TIBBER_SCOPES: readonly string[] = [
  'openid',
  'profile',
  'email',
  'offline_access',
  'data-api-user-read',
  'data-api-homes-read',
  'data-api-vehicles-read',
  'data-api-chargers-read',
  'data-api-thermostats-read',
  'data-api-energy-systems-read',
  'data-api-inverters-read',
];

/** An OAuth client registered with the mock, as an operator registers one with Tibber. */
export interface MockClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Compared exactly: no prefix, port or trailing-slash leniency. */
  readonly redirectUris: readonly string[];
}

export const DEFAULT_MOCK_CLIENT: MockClient = {
  clientId: 'tibber-data-mock-client',
  clientSecret: 'tibber-data-mock-secret',
  redirectUris: ['http://127.0.0.1:8765/callback', 'http://localhost:8765/callback'],
};

export interface MockTibberServerOptions {
  readonly scenario: ScenarioSource;
  /** The server's own time: token expiry, code expiry, history windows. Default: real time. */
  readonly clock?: Clock;
  /** Where `latency` faults wait. Pass the same ManualClock as `clock` in tests. */
  readonly scheduler?: Scheduler;
  /** Default: `[DEFAULT_MOCK_CLIENT]`. */
  readonly clients?: readonly MockClient[];
  /** Default 3600, as Tibber. */
  readonly accessTokenTtlSeconds?: number;
  /** Sliding: each refresh token lives this long from its own issue. Default 30. */
  readonly refreshTokenTtlDays?: number;
  /** Default 60. */
  readonly authorizationCodeTtlSeconds?: number;
  /** Default true: every refresh returns a new one-time refresh token. */
  readonly rotateRefreshTokens?: boolean;
  /** What the auto-approving user consents to. Default: `TIBBER_SCOPES`. */
  readonly grantableScopes?: readonly string[];
  /** Strong ETags and 304s on the data routes. Default false: Tibber has shown none. */
  readonly etags?: boolean;
  /** Points per history page. Default 96 (one day of quarter hours). */
  readonly historyPageSize?: number;
  /** A key of its own instead of the one shared by every server in the process. */
  readonly isolatedSigningKey?: boolean;
  /** Receives handler failures (a throwing scenario). Default: silent. */
  readonly logger?: Logger;
}

/** Options resolved to internal units. */
export interface ServerSettings {
  readonly scenario: ScenarioSource;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly clients: readonly MockClient[];
  readonly accessTokenTtlMs: number;
  readonly refreshTokenTtlMs: number;
  readonly authorizationCodeTtlMs: number;
  readonly rotateRefreshTokens: boolean;
  readonly grantableScopes: readonly string[];
  readonly etags: boolean;
  readonly historyPageSize: number;
  readonly isolatedSigningKey: boolean;
  readonly logger: Logger;
}

const SECOND_MS = 1_000;
const DAY_MS = 86_400_000;

export function resolveSettings(options: MockTibberServerOptions): ServerSettings {
  const clients = options.clients ?? [DEFAULT_MOCK_CLIENT];
  const settings: ServerSettings = {
    scenario: options.scenario,
    clock: options.clock ?? systemClock,
    scheduler: options.scheduler ?? systemScheduler,
    clients,
    accessTokenTtlMs: (options.accessTokenTtlSeconds ?? 3_600) * SECOND_MS,
    refreshTokenTtlMs: (options.refreshTokenTtlDays ?? 30) * DAY_MS,
    authorizationCodeTtlMs: (options.authorizationCodeTtlSeconds ?? 60) * SECOND_MS,
    rotateRefreshTokens: options.rotateRefreshTokens ?? true,
    grantableScopes: options.grantableScopes ?? TIBBER_SCOPES,
    etags: options.etags ?? false,
    historyPageSize: options.historyPageSize ?? 96,
    isolatedSigningKey: options.isolatedSigningKey ?? false,
    logger: options.logger ?? silentLogger,
  };

  requirePositive('accessTokenTtlSeconds', settings.accessTokenTtlMs);
  requirePositive('refreshTokenTtlDays', settings.refreshTokenTtlMs);
  requirePositive('authorizationCodeTtlSeconds', settings.authorizationCodeTtlMs);
  if (!Number.isInteger(settings.historyPageSize) || settings.historyPageSize < 1) {
    throw new RangeError('historyPageSize must be a positive integer');
  }
  if (clients.length === 0) throw new RangeError('clients must list at least one client');
  if (new Set(clients.map((c) => c.clientId)).size !== clients.length) {
    throw new RangeError('clients must have distinct client ids');
  }
  return settings;
}

function requirePositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be positive`);
}
