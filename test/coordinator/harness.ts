import { afterEach } from 'vitest';

import { MemoryTokenStore } from '../../src/auth/memory-token-store.js';
import { OAuthSessionManager } from '../../src/auth/session-manager.js';
import { createOAuthSession } from '../../src/models/index.js';

import { TibberDataClient } from '../../src/api/tibber-data-client.js';
import type { CallOptions } from '../../src/api/tibber-data-client.js';
import type {
  CoordinatorClient,
  TibberDataCoordinatorOptions,
} from '../../src/coordinator/coordinator-settings.js';
import type {
  AvailabilityEvent,
  CoordinatorListener,
  PersistentProblemEvent,
} from '../../src/coordinator/coordinator-events.js';
import type { Change } from '../../src/coordinator/changes.js';
import { TibberDataCoordinator } from '../../src/coordinator/tibber-data-coordinator.js';
import type { AccessTokenProvider } from '../../src/api/access-token-provider.js';
import type { MockTibberServerOptions, ScenarioSource } from '../../src/testing/index.js';
import type { ManualClock } from '../../src/testing/index.js';
import { DEFAULT_MOCK_CLIENT, MockTibberServer } from '../../src/testing/index.js';
import { CountingTokens, RecordingClock, flush } from '../api/harness.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { FaultyClient } from './faulty-client.js';
import { StaticScenario } from './static-scenario.js';

export const START_MS = Date.UTC(2026, 5, 1, 10);
export const MINUTE_MS = 60_000;

/** A client whose calls in flight are counted, so a test can wait for a poll to end. */
export class TrackedClient implements CoordinatorClient {
  readonly inner: CoordinatorClient;
  pending = 0;

  constructor(inner: CoordinatorClient) {
    this.inner = inner;
  }

  getHomes(options?: CallOptions) {
    return this.#track(this.inner.getHomes(options));
  }

  getDevices(homeId: string, options?: CallOptions) {
    return this.#track(this.inner.getDevices(homeId, options));
  }

  getDevice(homeId: string, deviceId: string, options?: CallOptions) {
    return this.#track(this.inner.getDevice(homeId, deviceId, options));
  }

  async #track<T>(call: Promise<T>): Promise<T> {
    this.pending++;
    try {
      return await call;
    } finally {
      this.pending--;
    }
  }
}

/** Everything the coordinator told, in order. */
export class RecordingListener implements CoordinatorListener {
  readonly batches: Change[][] = [];
  readonly availability: AvailabilityEvent[] = [];
  readonly reauth: Error[] = [];
  readonly problems: PersistentProblemEvent[] = [];

  changes(changes: readonly Change[]): void {
    this.batches.push([...changes]);
  }

  availabilityChanged(event: AvailabilityEvent): void {
    this.availability.push(event);
  }

  reauthRequired(error: Error): void {
    this.reauth.push(error);
  }

  persistentProblem(event: PersistentProblemEvent): void {
    this.problems.push(event);
  }

  /** The kinds of every change of the last batch, or of batch `index`. */
  kinds(index = this.batches.length - 1): string[] {
    return (this.batches[index] ?? []).map((change) => change.kind);
  }
}

export interface CoordinatorHarness {
  readonly server: MockTibberServer;
  readonly scenario: ScenarioSource;
  readonly clock: RecordingClock;
  readonly client: TrackedClient;
  readonly coordinator: TibberDataCoordinator;
  readonly listener: RecordingListener;
  readonly logger: RecordingLogger;
  /** Unsubscribes the recording listener. */
  detach(): void;
  /** Lets the poll in flight, if any, finish. */
  idle(): Promise<void>;
  /** Moves the clock to the next scheduled poll and lets it finish; returns the delay. */
  nextPoll(): Promise<number>;
}

export interface HarnessOptions {
  readonly coordinator?: Partial<TibberDataCoordinatorOptions>;
  readonly scenario?: ScenarioSource;
  /** Wraps the client, to break it on purpose. */
  readonly client?: (client: CoordinatorClient) => CoordinatorClient;
  /** Default true: start() before returning. */
  readonly start?: boolean;
  readonly server?: Partial<MockTibberServerOptions>;
  /** Default: a new token from the mock on every 401. */
  readonly auth?: (server: MockTibberServer, clock: RecordingClock) => AccessTokenProvider;
}

export function useCoordinatorHarness(): (options?: HarnessOptions) => Promise<CoordinatorHarness> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  return async (options = {}) => {
    const clock = new RecordingClock(START_MS);
    const scenario = options.scenario ?? new StaticScenario();
    const server = await MockTibberServer.start({
      scenario,
      clock,
      scheduler: clock,
      // Tokens are not what these tests are about; a simulated week needs no refresh.
      accessTokenTtlSeconds: 30 * 24 * 3_600,
      ...options.server,
    });
    const api = new TibberDataClient({
      auth: options.auth?.(server, clock) ?? new CountingTokens(server),
      userAgent: 'CoordinatorTests/1.0.0',
      baseUrl: server.endpoints.dataApi,
      clock,
      scheduler: clock,
      random: () => 0.5,
    });
    const client = new TrackedClient(options.client?.(api) ?? api);
    const logger = new RecordingLogger();
    const coordinator = new TibberDataCoordinator({
      client,
      clock,
      scheduler: clock,
      random: () => 0,
      logger,
      ...options.coordinator,
    });
    const listener = new RecordingListener();
    const detach = coordinator.subscribe(listener);
    cleanups.push(async () => {
      coordinator.stop();
      await server.close();
    });

    const idle = async (): Promise<void> => {
      for (let quiet = 0, turns = 0; quiet < 3 && turns < 5_000; turns++) {
        await flush();
        quiet = client.pending === 0 ? quiet + 1 : 0;
      }
    };
    if (options.start ?? true) await coordinator.start();
    return {
      server,
      scenario,
      clock,
      client,
      coordinator,
      listener,
      logger,
      detach,
      idle,
      nextPoll: async () => {
        const at = coordinator.nextPollAt?.toMillis();
        if (at === undefined) throw new Error('no poll is scheduled');
        const delayMs = at - clock.now();
        clock.advance(delayMs);
        await idle();
        // A poll ends by scheduling the next, unless a sign-in is needed.
        for (let turns = 0; turns < 1_000 && coordinator.nextPollAt === undefined; turns++) {
          if (listener.reauth.length > 0) break;
          await flush();
        }
        return delayMs;
      },
    };
  };
}

/** A harness whose client fails on demand (see `FaultyClient`). */
export async function startWithFaults(
  start: (options?: HarnessOptions) => Promise<CoordinatorHarness>,
  options: HarnessOptions = {},
): Promise<CoordinatorHarness & { readonly faulty: FaultyClient }> {
  let faulty: FaultyClient | undefined;
  const harness = await start({
    ...options,
    client: (api) => {
      faulty = new FaultyClient(api);
      return faulty;
    },
  });
  if (faulty === undefined) throw new Error('the harness made no client');
  return { ...harness, faulty };
}

/** A session manager holding tokens the mock issued, as after a sign-in. */
export function signedInManager(server: MockTibberServer, clock: ManualClock): OAuthSessionManager {
  const issued = server.issueTokens();
  const now = new Date(clock.now()).toISOString();
  const session = createOAuthSession({
    sessionId: 'soak',
    userId: server.user.sub,
    accessToken: issued.accessToken,
    refreshToken: issued.refreshToken ?? '',
    tokenType: 'Bearer',
    expiresAt: new Date(issued.expiresAtMs).toISOString(),
    scopes: issued.scopes,
    createdAt: now,
    lastRefreshed: now,
  });
  return new OAuthSessionManager({
    clientId: DEFAULT_MOCK_CLIENT.clientId,
    clientSecret: DEFAULT_MOCK_CLIENT.clientSecret,
    redirectUri: DEFAULT_MOCK_CLIENT.redirectUris[0] ?? '',
    issuer: server.issuer,
    store: new MemoryTokenStore(session),
    userAgent: 'SoakTests/1.0.0',
    clock,
    scheduler: clock,
  });
}
