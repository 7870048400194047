import { afterEach } from 'vitest';

import type { OAuthSessionManagerOptions } from '../../src/auth/auth-settings.js';
import { MemoryTokenStore } from '../../src/auth/memory-token-store.js';
import type { ReauthRequiredEvent } from '../../src/auth/session-events.js';
import { OAuthSessionManager } from '../../src/auth/session-manager.js';
import type { TokenStore } from '../../src/auth/token-store.js';
import type { OAuthSession } from '../../src/models/index.js';
import type { MockTibberServerOptions } from '../../src/testing/index.js';
import {
  DEFAULT_MOCK_CLIENT,
  ManualClock,
  MockTibberServer,
  createDemoScenario,
} from '../../src/testing/index.js';
import { RecordingLogger } from '../support/recording-logger.js';

/** 2026-01-10 12:00 UTC. */
export const START_MS = Date.UTC(2026, 0, 10, 12);
export const REDIRECT_URI = DEFAULT_MOCK_CLIENT.redirectUris[0] ?? '';
export const APP_USER_AGENT = 'AuthTests/1.0.0';
export const HOUR_MS = 3_600_000;

export interface AuthHarnessOptions {
  readonly manager?: Partial<OAuthSessionManagerOptions>;
  readonly server?: Partial<MockTibberServerOptions>;
  /** How far the server's clock runs ahead of ours (negative: behind). */
  readonly serverClockOffsetMs?: number;
  readonly store?: TokenStore;
}

export interface AuthHarness {
  readonly server: MockTibberServer;
  /** Ours: the manager's clock and scheduler. */
  readonly clock: ManualClock;
  readonly serverClock: ManualClock;
  readonly store: TokenStore;
  readonly logger: RecordingLogger;
  readonly manager: OAuthSessionManager;
  readonly reauthEvents: ReauthRequiredEvent[];
  /** Moves both clocks. */
  advance(ms: number): void;
  /** A whole sign-in: begin, the browser round trip, complete. */
  signIn(manager?: OAuthSessionManager): Promise<OAuthSession>;
  /** Another manager on the same store and server, as after a restart. */
  newManager(options?: Partial<OAuthSessionManagerOptions>): OAuthSessionManager;
  /** Token endpoint requests since the start, by grant type. */
  tokenRequests(grantType?: 'authorization_code' | 'refresh_token'): number;
}

/** Starts a mock Tibber and a session manager per test; both are closed after it. */
export function useAuthHarness(): (options?: AuthHarnessOptions) => Promise<AuthHarness> {
  const servers: MockTibberServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  return async (options = {}) => {
    const clock = new ManualClock(START_MS);
    const offsetMs = options.serverClockOffsetMs ?? 0;
    const serverClock = offsetMs === 0 ? clock : new ManualClock(START_MS + offsetMs);
    const server = await MockTibberServer.start({
      scenario: createDemoScenario(),
      clock: serverClock,
      scheduler: serverClock,
      ...options.server,
    });
    servers.push(server);

    const store = options.store ?? new MemoryTokenStore();
    const logger = new RecordingLogger();
    const reauthEvents: ReauthRequiredEvent[] = [];
    const newManager = (overrides: Partial<OAuthSessionManagerOptions> = {}) =>
      new OAuthSessionManager({
        clientId: DEFAULT_MOCK_CLIENT.clientId,
        clientSecret: DEFAULT_MOCK_CLIENT.clientSecret,
        redirectUri: REDIRECT_URI,
        issuer: server.issuer,
        store,
        userAgent: APP_USER_AGENT,
        clock,
        scheduler: clock,
        logger,
        ...options.manager,
        ...overrides,
      });
    const manager = newManager();
    manager.on('reauthRequired', (event) => {
      reauthEvents.push(event);
    });

    return {
      server,
      clock,
      serverClock,
      store,
      logger,
      manager,
      reauthEvents,
      advance: (ms) => {
        clock.advance(ms);
        if (serverClock !== clock) serverClock.advance(ms);
      },
      signIn: async (target = manager) => {
        const { url, pending } = await target.beginAuthorization();
        const callback = await approve(url);
        return target.completeAuthorization(callback, pending);
      },
      newManager,
      tokenRequests: (grantType) =>
        server.requests.filter((r) =>
          r.route === 'token' && (grantType === undefined || r.form?.['grant_type'] === grantType),
        ).length,
    };
  };
}

/** The browser's part: the mock approves at once and redirects to the callback. */
export async function approve(authorizationUrl: URL): Promise<URL> {
  const response = await fetch(authorizationUrl, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (location === null) throw new Error(`authorize answered ${response.status}, no redirect`);
  return new URL(location);
}
